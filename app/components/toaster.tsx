import { useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

type Toast = { kind: "success" | "error" | "info"; message: string } | null;

/** Shows the one-time message the server flashed, announced to screen readers. */
export function Toaster({ toast }: { toast: Toast }) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState<Toast>(toast);
  const [lastToast, setLastToast] = useState<Toast>(toast);
  const { pathname } = useLocation();
  const [shownOn, setShownOn] = useState(pathname);
  // A new toast shows at once; a later revalidation (a live update, say) brings none, and that must not
  // hide the one on screen. Going on to another page does: the message was about the page it came with.
  if (toast !== lastToast) {
    setLastToast(toast);
    if (toast) {
      setVisible(toast);
      setShownOn(pathname);
    }
  } else if (visible && pathname !== shownOn) {
    setVisible(null);
  }
  useEffect(() => {
    if (!visible) return;
    const timer = setTimeout(() => setVisible(null), 6000);
    return () => clearTimeout(timer);
  }, [visible]);
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {visible ? (
        <div className={`toast toast-${visible.kind}`}>
          <span>{visible.message}</span>
          <button
            type="button"
            className="button-ghost"
            onClick={() => setVisible(null)}
            aria-label={t("toast.dismiss")}
          >
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
