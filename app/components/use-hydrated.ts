import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** False on the server and in the first render in the browser, true once React has hydrated: for browser-only parts. */
export function useHydrated() {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
