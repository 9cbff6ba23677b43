/** The shape of a translation file: every other language must have exactly the keys English has. */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };
