import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

type Toast = { kind: "success" | "error" | "info"; message: string } | null;

/** Shows the one-time message the server flashed, announced to screen readers. */
export function Toaster({ toast }: { toast: Toast }) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState<Toast>(toast);
  // A later revalidation (a live update, say) brings no toast; that must not hide the one on screen.
  useEffect(() => {
    if (!toast) return;
    setVisible(toast);
    const timer = setTimeout(() => setVisible(null), 6000);
    return () => clearTimeout(timer);
  }, [toast]);
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
