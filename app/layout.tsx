import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Marquee", template: "%s · Marquee" },
  description: "Open-source ad server: campaigns, publishers and exactly-once tracking in one Vercel project.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Rendered per request, never prerendered: each page's scripts carry that response's
  // Content-Security-Policy nonce (proxy.ts), which a prerendered page could not.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
