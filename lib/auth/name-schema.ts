import { z } from "zod";

/** Letters (any alphabet, with combining marks), digits, spaces and . _ ' ( ) -; starts with a letter or digit. */
const NAME_CHARACTERS = /^[\p{L}\p{N}][\p{L}\p{M}\p{N} ._'()-]*$/u;
const LOOK_ALIKE_SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u];

/**
 * True when one word mixes Latin, Cyrillic or Greek letters: the mark of a look-alike
 * ("аcme" spelled with a Cyrillic "а"). Whole words in one alphabet ("Иван") are fine.
 */
export function mixesScripts(text: string): boolean {
  return text.split(/[\s\p{N}._'()-]+/u).some((word) => LOOK_ALIKE_SCRIPTS.filter((script) => script.test(word)).length > 1);
}

/**
 * A human-readable name (a person, an API token). Shown in the UI and in audit rows, so it
 * refuses markup, shell and path syntax and look-alike spellings with a message that says why.
 */
export function nameSchema(field: string, max: number) {
  return z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} is required`)
    .max(max, `${field} must be at most ${max} characters`)
    .regex(NAME_CHARACTERS, `${field} may contain only letters, digits, spaces and . _ ' ( ) -, and must start with a letter or digit`)
    .refine((s) => !mixesScripts(s), `${field} mixes alphabets within a word (look-alike characters)`);
}
