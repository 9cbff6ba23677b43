import { z } from "zod";
import { optionalText } from "./fields";

/** A country's own account of its skills system, kept by its focal points and task force. */
export const CountryProfileSchema = z.object({ overview: optionalText(8000), nqfName: optionalText(200) });
