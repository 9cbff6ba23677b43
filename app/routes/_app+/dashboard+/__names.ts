// Names the dashboard panels look up many times, each translated once per render.
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { MilestoneStatus } from "~/domain/vocabulary";

/** A translation looked up once per render and value: the matrix and the changes ask for the same few names hundreds of times. */
export function useCachedTranslation<K extends string>(translate: (key: K) => string) {
  return useMemo(() => {
    const cache = new Map<K, string>();
    return (key: K) => {
      let value = cache.get(key);
      if (value === undefined) cache.set(key, (value = translate(key)));
      return value;
    };
  }, [translate]);
}

export function useStageName() {
  const { t } = useTranslation("milestones");
  return useCachedTranslation(
    useCallback((code: string) => t(`stages.${code as "national_standard"}`, { defaultValue: code }), [t]),
  );
}

export function useStatusName() {
  const { t } = useTranslation("common");
  return useCachedTranslation(useCallback((status: MilestoneStatus) => t(`milestoneStatuses.${status}`), [t]));
}
