/** Assert that `fn` throws an InputError whose message matches every part; return it. */
import { expect } from "vitest";
import { InputError } from "../src/util/input-error.js";

export function expectInputError(fn: () => unknown, ...parts: (string | RegExp)[]): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    for (const p of parts) expect((e as Error).message).toMatch(p);
    return e as InputError;
  }
  throw new Error("expected an InputError");
}
