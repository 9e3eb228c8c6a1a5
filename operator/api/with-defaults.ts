// Type-level view of CRD defaulting: which optional fields are always
// present once the apiserver (or parseSidecarSet) has applied the schema's
// defaults. The shape is generated from the CRD (SidecarSetDefaultShape), so
// the types follow the YAML.

/** Where defaults sit in a schema: `defaulted` marks a field that has one; the rest descends. */
export interface DefaultShape {
  readonly defaulted?: true;
  readonly properties?: Readonly<Record<string, DefaultShape>>;
  readonly items?: DefaultShape;
  readonly values?: DefaultShape;
}

/** T with every field that the shape marks as defaulted made required, at any depth. */
export type WithDefaults<T, S> = T extends readonly (infer Item)[]
  ? S extends { readonly items: infer ItemShape }
    ? WithDefaults<Item, ItemShape>[]
    : T
  : T extends object
    ? S extends { readonly properties: infer Properties }
      ? PropertiesWithDefaults<T, Properties>
      : S extends { readonly values: infer ValueShape }
        ? { [K in keyof T]: WithDefaults<T[K], ValueShape> }
        : T
    : T;

type IsDefaulted<P, K> = K extends keyof P ? (P[K] extends { readonly defaulted: true } ? true : false) : false;

// Two homomorphic mapped types: the first keeps each field's own optionality,
// the second makes the defaulted ones required.
type PropertiesWithDefaults<T, P> = {
  [K in keyof T as IsDefaulted<P, K> extends true ? never : K]: K extends keyof P ? WithDefaults<T[K], P[K]> : T[K];
} & {
  [K in keyof T as IsDefaulted<P, K> extends true ? K : never]-?: K extends keyof P
    ? WithDefaults<NonNullable<T[K]>, P[K]>
    : never;
};
