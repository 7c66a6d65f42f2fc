import Link from "next/link";

export default function SetupLinkNotFound() {
  return (
    <>
      <h1 className="mb-2 text-xl font-semibold">This setup link does not work</h1>
      <p className="mb-4 text-sm text-slate-600">
        Either the first operator account exists already — the link works only once — or this link is not this server&rsquo;s. Operators sign in as usual and make other accounts operators; on the server,{" "}
        <code>npm run setup-link</code> prints the right link while no operator exists.
      </p>
      <Link href="/sign-in" className="text-sm font-medium text-brand-600 hover:text-brand-700">
        Sign in
      </Link>
    </>
  );
}
