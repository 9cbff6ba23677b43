// Names the dashboard panels look up many times, each translated once per render.
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";

/** A translation looked up once per render and value: the matrix and the changes ask for the same few names hundreds of times. */
export function useCachedTranslation(translate: (key: string) => string) {
  return useMemo(() => {
    const cache = new Map<string, string>();
    return (key: string) => {
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
  return useCachedTranslation(
    useCallback((status: string) => t(`milestoneStatuses.${status as "completed"}`, { defaultValue: status }), [t]),
  );
}
