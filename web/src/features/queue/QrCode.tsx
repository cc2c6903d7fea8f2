import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** A QR code of a URL, drawn in the browser (no request leaves the page). */
export function QrCode({ url, label, size = 220 }: { url: string; label: string; size?: number }) {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let current = true;
    QRCode.toDataURL(url, { margin: 1, width: size }).then((data) => current && setSrc(data));
    return () => {
      current = false;
    };
  }, [url, size]);
  return src ? <img src={src} alt={label} width={size} height={size} data-testid="queue-qr" /> : null;
}
