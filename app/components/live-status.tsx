import { useTranslation } from "react-i18next";
import type { LiveStatus as Status } from "~/realtime/use-live-updates";

/** Says whether the page is receiving live changes, in words and not by colour alone. */
export function LiveStatus({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <span className="live-status" data-status={status} role="status">
      <span className="live-dot" aria-hidden="true" />
      {status === "connected" ? t("live.connected") : status === "offline" ? t("live.offline") : t("live.connecting")}
    </span>
  );
}
