/** The shape of a translation file: every other language must have exactly the keys English has. */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };

/** A translator for keys chosen at run time ("namespace:path"), on the page (i18next's `t`) and on the server. */
export type Translate = (key: string, values?: Record<string, unknown>) => string;
