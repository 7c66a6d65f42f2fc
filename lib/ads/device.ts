import type { DeviceType } from "@/lib/model/enums";

const TABLET = /iPad|Tablet|PlayBook|Silk|Kindle|(Android(?!.*Mobile))/i;
const MOBILE = /Mobi|iPhone|iPod|Android.*Mobile|Windows Phone|BlackBerry|Opera Mini/i;
const DESKTOP = /Windows NT|Macintosh|X11|Linux x86_64|CrOS/i;

/** The device class of a User-Agent, for device targeting and reports. */
export function detectDevice(userAgent: string | null | undefined): DeviceType {
  if (!userAgent) return "OTHER";
  if (TABLET.test(userAgent)) return "TABLET";
  if (MOBILE.test(userAgent)) return "MOBILE";
  if (DESKTOP.test(userAgent)) return "DESKTOP";
  return "OTHER";
}
