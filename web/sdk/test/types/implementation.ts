// The implementation (index.js, typed by its JSDoc) has exactly the API index.d.ts declares.
// "#implementation" is index.js itself (tsconfig.json "paths"); "../../index.js" resolves to
// index.d.ts, as it does for the SDK's users. A difference fails to compile and the error names
// the exports or members that differ: a missing or extra export or public member, another
// parameter list (also an optional parameter declared required, or the reverse), another return
// type, a readonly or optional modifier.
import type * as Declared from "../../index.js";
import type * as Implemented from "#implementation";

/** true when A and B are the same type (not merely assignable to each other). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** The keys A and B do not agree on: present in one only, or with different types or modifiers. */
type Differing<A, B> = {
  [K in keyof A | keyof B]-?: K extends keyof A
    ? K extends keyof B
      ? Same<Pick<A, K>, Pick<B, K>> extends true
        ? never
        : K
      : K
    : K;
}[keyof A | keyof B];

/** Compiles only when A and B agree; otherwise the error shows the differing keys. */
function agree<A, B>(_: [Differing<A, B>] extends [never] ? "agree" : { differing: Differing<A, B> }): void {}

// The module's values. TailorClient is compared as an instance below: the class objects differ
// by design (the implementation's constructor takes the wasm core; the declared one is private).
agree<Record<keyof typeof Implemented, unknown>, Record<keyof typeof Declared, unknown>>("agree");
agree<Omit<typeof Implemented, "TailorClient">, Omit<typeof Declared, "TailorClient">>("agree");

// The client's public members (JavaScript #private members are not part of the type).
agree<Implemented.TailorClient, Declared.TailorClient>("agree");
