import QRCode from "qrcode";
import { createResource, Show } from "solid-js";
import { valueOf } from "./Notice.tsx";

/** A QR code drawn in the browser as SVG: sharp when printed, nothing sent anywhere. */
export function QrCode(props: { text: string; label: string }) {
  const [svg] = createResource(
    () => props.text,
    (text) => QRCode.toString(text, { type: "svg", margin: 1, errorCorrectionLevel: "M", color: { dark: "#000000", light: "#ffffff" } }),
  );
  return (
    <Show when={valueOf(svg)}>
      {(markup) => <div class="qr" role="img" aria-label={props.label} innerHTML={markup()} />}
    </Show>
  );
}
