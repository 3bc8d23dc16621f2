import { probeDatabaseWrite, setDatabaseReadOnly } from "../ssh";
import type { StepContext } from "../runbooks/types";
import { StepError } from "../runbooks/types";
import { vmOptions } from "./deployment";

/** RUNBOOK "2) Mark the database as read-only", confirmed by a refused write. */
export async function makeDatabaseReadOnly(ctx: StepContext): Promise<void> {
  ctx.log("ALTER DATABASE sg SET default_transaction_read_only = true");
  await setDatabaseReadOnly(vmOptions(ctx), true);
  if (await probeDatabaseWrite(vmOptions(ctx))) {
    throw new StepError("a probe write still succeeded after marking the database read-only", "Check the pgsql container on the VM, then retry.");
  }
  ctx.log("write probe refused: the database is read-only");
}

/**
 * Makes the database writable and proves it with a write from a new session: ALTER DATABASE
 * only affects sessions opened after it, so the statement succeeding proves nothing alone.
 */
export async function makeDatabaseWritable(ctx: StepContext, vm?: string): Promise<void> {
  ctx.log(`ALTER DATABASE sg SET default_transaction_read_only = false${vm ? ` (on ${vm})` : ""}`);
  await setDatabaseReadOnly(vmOptions(ctx, vm), false);
  for (let attempt = 1; attempt <= 3; attempt++) {
    if (await probeDatabaseWrite(vmOptions(ctx, vm))) {
      ctx.log("write probe succeeded: the database is writable");
      return;
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new StepError("the database still refuses writes after ALTER DATABASE … = false", "Run the ALTER DATABASE by hand on the VM and check with a write.");
}
