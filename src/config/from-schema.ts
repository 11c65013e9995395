/**
 * The TypeScript type a JSON schema describes, computed by the compiler from
 * the schema's JSON read as a type: src/config/raw-config.ts holds it against
 * the hand-written configuration type, so the two cannot drift. It covers the
 * keywords schemas/config.schema.json uses (type, enum, const, oneOf,
 * properties, required, additionalProperties, items and tuple items,
 * definitions references, and `allOf` of `if`/`then` choosing a variant);
 * anything else yields `never`, so the comparison fails instead of passing
 * unnoticed.
 */
export type FromSchema<S, Root = S> =
  S extends { $ref: `#/definitions/${infer Name}` }
    ? Root extends { definitions: infer Defs }
      ? Name extends keyof Defs
        ? FromSchema<Defs[Name], Root>
        : never
      : never
    : S extends { oneOf: infer Options extends readonly unknown[] }
      ? FromSchema<Options[number], Root>
      : S extends { const: infer C }
        ? C
        : S extends { enum: infer Values extends readonly unknown[] }
          ? Values[number]
          : S extends { type: "string" }
            ? string
            : S extends { type: "boolean" }
              ? boolean
              : S extends { type: "number" | "integer" }
                ? number
                : S extends { type: "array"; items: infer Items extends readonly unknown[] }
                  ? TupleOf<Items, S extends { minItems: infer Min extends number } ? Min : 0, Root>
                  : S extends { type: "array"; items: infer Item }
                    ? FromSchema<Item, Root>[]
                    : S extends { type: "object"; allOf: readonly { then: infer Variant }[] }
                      ? FromSchema<Variant, Root>
                      : S extends { type: "object"; properties: infer Props }
                        ? ObjectOf<Props, S extends { required: readonly (infer R)[] } ? R : never, Root>
                        : S extends { type: "object"; additionalProperties: infer Value extends object }
                          ? Record<string, FromSchema<Value, Root>>
                          : S extends { type: "object" }
                            ? Record<string, unknown>
                            : never;

/** An object with these properties, the required ones required (every schema using `properties` here closes the object). */
type ObjectOf<Props, Required, Root> = Flatten<
  { -readonly [K in keyof Props as K extends Required ? K : never]-?: FromSchema<Props[K], Root> } & {
    -readonly [K in keyof Props as K extends Required ? never : K]?: FromSchema<Props[K], Root>;
  }
>;

/** Tuple `items` of at most two schemas, those past `minItems` optional. */
type TupleOf<Items extends readonly unknown[], Min extends number, Root> = Items extends readonly [infer A]
  ? Min extends 1
    ? [FromSchema<A, Root>]
    : [FromSchema<A, Root>?]
  : Items extends readonly [infer A, infer B]
    ? Min extends 2
      ? [FromSchema<A, Root>, FromSchema<B, Root>]
      : Min extends 1
        ? [FromSchema<A, Root>, FromSchema<B, Root>?]
        : [FromSchema<A, Root>?, FromSchema<B, Root>?]
    : never;

type Flatten<T> = { [K in keyof T]: T[K] };

/** `T` written as plain object types all the way down (intersections merged), so two spellings of one type compare equal. */
export type Normalize<T> = T extends readonly unknown[] ? { [K in keyof T]: Normalize<T[K]> } : T extends object ? { [K in keyof T]: Normalize<T[K]> } : T;

/** True when `A` and `B` are the same type (not merely assignable to each other: an extra optional key counts). */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the generic function types are the exact-equality idiom
export type Equals<A, B> = (<T>() => T extends Normalize<A> ? 1 : 2) extends <T>() => T extends Normalize<B> ? 1 : 2 ? true : false;
