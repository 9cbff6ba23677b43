import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * Reads QR codes from the device camera: frames are drawn on a canvas a few
 * times a second and decoded with jsQR (loaded only when the camera starts).
 * The same code is not sent twice within a few seconds.
 */
export function QrScanner({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useTranslation("participants");
  const video = useRef<HTMLVideoElement>(null);
  const [running, setRunning] = useState(false);
  const [unavailable, setUnavailable] = useState(false);
  const latestOnCode = useRef(onCode);
  useEffect(() => {
    latestOnCode.current = onCode;
  });

  useEffect(() => {
    if (!running) return;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let last = { code: "", at: 0 };
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d", { willReadFrequently: true });

    void (async () => {
      try {
        const [{ default: jsQR }, media] = await Promise.all([
          import("jsqr"),
          navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }),
        ]);
        stream = media;
        if (stopped || !video.current || !context) return;
        video.current.srcObject = media;
        await video.current.play();
        const scan = () => {
          if (stopped || !video.current) return;
          const { videoWidth: width, videoHeight: height } = video.current;
          if (width && height) {
            // Decoding a downscaled frame is fast enough on a phone and still reads a badge at arm's length.
            const scale = Math.min(1, 640 / width);
            canvas.width = Math.round(width * scale);
            canvas.height = Math.round(height * scale);
            context.drawImage(video.current, 0, 0, canvas.width, canvas.height);
            const found = jsQR(
              context.getImageData(0, 0, canvas.width, canvas.height).data,
              canvas.width,
              canvas.height,
              { inversionAttempts: "dontInvert" },
            );
            const now = Date.now();
            if (found?.data && (found.data !== last.code || now - last.at > 4000)) {
              last = { code: found.data, at: now };
              latestOnCode.current(found.data);
            }
          }
          timer = setTimeout(scan, 250);
        };
        scan();
      } catch {
        if (!stopped) {
          setUnavailable(true);
          setRunning(false);
        }
      }
    })();

    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [running]);

  const supported = typeof navigator === "undefined" || Boolean(navigator.mediaDevices?.getUserMedia);
  return (
    <div className="qr-scanner">
      {running ? (
        <>
          <video ref={video} muted playsInline className="qr-video" aria-label={t("attendance.cameraHint")} />
          <p className="small muted">{t("attendance.cameraHint")}</p>
        </>
      ) : null}
      {unavailable || !supported ? <p className="small muted">{t("attendance.cameraUnavailable")}</p> : null}
      {supported ? (
        <button type="button" className="button-secondary" onClick={() => setRunning((r) => !r)}>
          {running ? t("attendance.stopCamera") : t("attendance.startCamera")}
        </button>
      ) : null}
    </div>
  );
}
