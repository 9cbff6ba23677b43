import { z } from "zod";

/** URL parameters, checked before they reach a query: a bad one is a 404, never a 500. */
export const CountryCodeParam = z.string().regex(/^[a-zA-Z]{2}$/);
export const IdParam = z.string().regex(/^[a-z0-9]{10,40}$/);

export function parseParam<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  return parsed.data;
}
