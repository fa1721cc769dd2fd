type Defined<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

/** The object without its undefined fields, so optional settings can be written as one literal (exactOptionalPropertyTypes). */
export function defined<T extends object>(object: T): Defined<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Defined<T>;
}
