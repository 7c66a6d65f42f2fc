import { HEADER_MEMO_SIZE, memoByValue } from "@/lib/http/header-memo";
import type { DeviceType } from "@/lib/model/enums";

const TABLET = /iPad|Tablet|PlayBook|Silk|Kindle|(Android(?!.*Mobile))/i;
const MOBILE = /Mobi|iPhone|iPod|Android.*Mobile|Windows Phone|BlackBerry|Opera Mini/i;
const DESKTOP = /Windows NT|Macintosh|X11|Linux x86_64|CrOS/i;

const deviceOf = memoByValue((userAgent): DeviceType => {
  if (TABLET.test(userAgent)) return "TABLET";
  if (MOBILE.test(userAgent)) return "MOBILE";
  if (DESKTOP.test(userAgent)) return "DESKTOP";
  return "OTHER";
}, HEADER_MEMO_SIZE);

/** The device class of a User-Agent, for device targeting and reports (once per distinct User-Agent). */
export function detectDevice(userAgent: string | null | undefined): DeviceType {
  return userAgent ? deviceOf(userAgent) : "OTHER";
}
