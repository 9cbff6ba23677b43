import { auth } from "./auth";
import { common } from "./common";

export const id = { common, auth };
