import { z } from "zod";
import { VERSION_PATTERN } from "../instances/versions";

export const UPGRADE_STRATEGIES = ["red-black", "in-place"] as const;
export type UpgradeStrategy = (typeof UPGRADE_STRATEGIES)[number];

/**
 * Which of a red/black upgrade's approvals are given without asking a person
 * (lib/waves/approval-policy.ts). A Terraform plan that destroys or replaces always asks.
 */
export const APPROVAL_POLICIES = ["ask-every-step", "auto-switch-ask-destroy", "auto-switch-auto-destroy"] as const;
export type ApprovalPolicy = (typeof APPROVAL_POLICIES)[number];

/**
 * The body fields of an upgrade job (besides `kind`), checked before the job exists. Whether the
 * version is a release, and the in-place rule, are checked against the `release` table
 * (lib/upgrades/check-upgrade-version.ts, lib/releases/release-rules.ts).
 */
export const upgradeParamsSchema = z
  .object({
    version: z.string({ error: "version is required" }).max(20).regex(VERSION_PATTERN, "must be a release version, MAJOR.MINOR.PATCH"),
    strategy: z.enum(UPGRADE_STRATEGIES).default("red-black"),
    /** Test-only: fail right after this step's work. Ignored unless the worker runs with UPGRADE_FAULT_INJECTION=1. */
    failAt: z.string().max(40).optional(),
    /** The wave this upgrade belongs to, if any. */
    waveId: z.string().uuid().optional(),
    /** The wave's approval policy; absent (an upgrade started on its own) means ask at every step. */
    approvalPolicy: z.enum(APPROVAL_POLICIES).optional(),
  })
  .strict();

export type UpgradeParams = z.infer<typeof upgradeParamsSchema>;
