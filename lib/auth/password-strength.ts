import { ZxcvbnFactory, type ZxcvbnResult } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonWords } from "@zxcvbn-ts/language-common";
import { dictionary as englishWords, translations } from "@zxcvbn-ts/language-en";

// How guessable a password is, estimated offline by zxcvbn-ts with its common-password and
// English dictionaries (no network): a password must score at least STRONG_ENOUGH of 4 —
// "safely unguessable" against an online attack with throttling and a slow hash.

export const STRONG_ENOUGH = 3;

let estimator: ZxcvbnFactory | undefined;

function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({ dictionary: { ...commonWords, ...englishWords }, graphs: adjacencyGraphs, translations });
  return estimator;
}

export interface PasswordVerdict {
  ok: boolean;
  score: ZxcvbnResult["score"];
  /** What to tell the person when it is not ok: why, and what to do instead. */
  message: string;
}

/**
 * The verdict on a new password. `related` are words of the account (e-mail, name,
 * organisation) that make a password easy to guess for someone who knows them.
 */
export function checkPasswordStrength(password: string, related: readonly string[] = []): PasswordVerdict {
  const inputs = related.flatMap((value) => [value, ...value.split(/[^\p{L}\p{N}]+/u)]).filter((value) => value.length >= 3);
  const result = zxcvbn().check(password.slice(0, 128), inputs);
  if (result.score >= STRONG_ENOUGH) return { ok: true, score: result.score, message: "" };
  const why = result.feedback.warning ?? "This password would be easy to guess.";
  const how = result.feedback.suggestions[0] ?? "Use a few unrelated words, or a password manager's suggestion.";
  return { ok: false, score: result.score, message: `Choose a stronger password. ${why} ${how}` };
}
