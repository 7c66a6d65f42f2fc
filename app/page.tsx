import Link from "next/link";

const features = [
  {
    title: "Advertisers",
    text: "Campaigns with budgets, flight dates, pacing, priority tiers, frequency caps and targeting by placement, size, country, device, keyword and time. Reports with charts and CSV.",
  },
  {
    title: "Publishers",
    text: "Register sites and placements, paste one snippet. Ads render safely, views count only when seen, clicks route through signed links.",
  },
  {
    title: "Exactly once",
    text: "Every impression and click is keyed by a signed offer id and recorded once — with Redis, and when Redis is down.",
  },
];

export default function LandingPage() {
  return (
    <main className="mx-auto flex max-w-5xl flex-col gap-16 px-6 py-16">
      <header className="flex items-center justify-between">
        <span className="text-lg font-semibold tracking-tight">Marquee</span>
        <nav className="flex items-center gap-4 text-sm">
          <Link href="/sign-in" className="font-medium text-brand-600 hover:text-brand-700">
            Sign in
          </Link>
          <Link
            href="/sign-up"
            className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700"
          >
            Create an account
          </Link>
        </nav>
      </header>

      <section className="flex flex-col gap-6">
        <h1 className="text-4xl font-bold tracking-tight sm:text-5xl">
          Marquee, the ad server you can run yourself.
        </h1>
        <p className="max-w-2xl text-lg text-slate-600">
          Serve campaigns on your own sites and your partners&apos;, count every view and click exactly once,
          and deploy the whole thing as one Next.js project on Vercel with Upstash Redis and Postgres — or on
          your own server with nothing but Node.js.
        </p>
      </section>

      <section className="grid gap-6 sm:grid-cols-3" aria-label="What Marquee does">
        {features.map((feature) => (
          <article key={feature.title} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 className="mb-2 font-semibold">{feature.title}</h2>
            <p className="text-sm text-slate-600">{feature.text}</p>
          </article>
        ))}
      </section>
    </main>
  );
}
