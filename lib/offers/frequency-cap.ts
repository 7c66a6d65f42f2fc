// Frequency caps count impressions per viewer and campaign in fixed windows of the cap's
// period. Serving reads the counters of the capped candidates in one round trip; tracking
// increments the counter of the window the offer was issued in.

export function frequencyCapKey(viewer: string, campaignId: string, periodSeconds: number, atEpochSeconds: number): string {
  return `fcap:${viewer}:${campaignId}:${Math.floor(atEpochSeconds / periodSeconds)}`;
}
