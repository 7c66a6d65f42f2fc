"use client";

import { useId, useState } from "react";
import { FieldErrors } from "@/components/ui/field";
import type { PlacementOption } from "@/lib/campaigns/list-placement-options";
import { groupBySite, matchesPlacement, sizeLabel } from "./placement-search";
import { useHydrated } from "./use-hydrated";

/** More results than this ask for a narrower search instead of a long list of tab stops. */
const MAX_RESULTS = 50;

const placementLabel = (placement: PlacementOption) => `${placement.name} (${sizeLabel(placement.size)})`;

/**
 * The placements a campaign targets, chosen by searching: what is chosen comes first, each
 * removable; a search by site, placement, size or domain lists the matches by site. The chosen
 * ids go with the form as `name` (hidden inputs), so the result list may show any subset.
 * Without JavaScript it is the plain checkbox list, by site, under the same name.
 */
export function PlacementPicker({
  name,
  placements,
  defaultValues,
  errors,
}: {
  name: string;
  /** Every placement that may be chosen, and the campaign's saved ones that no longer may (offered: false). */
  placements: readonly PlacementOption[];
  defaultValues: readonly string[];
  errors?: string[];
}) {
  const hydrated = useHydrated();
  const [chosen, setChosen] = useState<string[]>(() => defaultValues.filter((id) => placements.some((placement) => placement.id === id)));
  const [query, setQuery] = useState("");
  const [browsing, setBrowsing] = useState(false);
  const hintId = useId();

  const toggle = (id: string, on: boolean) => setChosen((current) => (on ? [...current.filter((other) => other !== id), id] : current.filter((other) => other !== id)));
  const describedBy = [errors?.length ? `${name}-error` : null, hintId].filter(Boolean).join(" ");
  const legend = <legend className="text-sm font-medium text-slate-800">Placements</legend>;
  const hint = (
    <p id={hintId} className="text-xs text-slate-500">
      Only on these placements. Nothing chosen means any placement of the sizes below.
    </p>
  );

  if (!hydrated) {
    return (
      <fieldset className="flex flex-col gap-2" aria-describedby={describedBy}>
        {legend}
        {groupBySite(placements).map((group) => (
          <div key={`${group.siteName}-${group.domain}`} className="flex flex-col gap-1">
            <p className="text-sm font-medium text-slate-700">
              {group.siteName} <span className="font-normal text-slate-500">{group.domain}</span>
            </p>
            <div className="flex flex-wrap gap-x-4 gap-y-2">
              {group.placements.map((placement) => (
                <label key={placement.id} className="inline-flex items-center gap-1.5 text-sm text-slate-700">
                  <input type="checkbox" name={name} value={placement.id} defaultChecked={defaultValues.includes(placement.id)} className="h-4 w-4 rounded border-slate-300" />
                  {placementLabel(placement)}
                  {placement.offered ? null : <span className="text-xs text-amber-800">no longer offered</span>}
                </label>
              ))}
            </div>
          </div>
        ))}
        {hint}
        <FieldErrors name={name} errors={errors} />
      </fieldset>
    );
  }

  const chosenPlacements = chosen.map((id) => placements.find((placement) => placement.id === id)).filter((placement) => placement !== undefined);
  const offered = placements.filter((placement) => placement.offered);
  const searching = query.trim() !== "";
  const matches = searching ? offered.filter((placement) => matchesPlacement(placement, query)) : browsing ? offered : [];
  const shown = matches.slice(0, MAX_RESULTS);

  return (
    <fieldset className="flex flex-col gap-3" aria-describedby={describedBy}>
      {legend}
      {chosen.map((id) => (
        <input key={id} type="hidden" name={name} value={id} />
      ))}

      <div className="flex flex-col gap-1.5">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Chosen ({chosenPlacements.length})</p>
        {chosenPlacements.length === 0 ? (
          <p className="text-sm text-slate-600">None: any placement.</p>
        ) : (
          <ul aria-label="Chosen placements" className="flex flex-wrap gap-2">
            {chosenPlacements.map((placement) => (
              <li key={placement.id} className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-0.5 pr-1 pl-3 text-sm text-brand-700 ring-1 ring-brand-100 ring-inset">
                <span>
                  {placement.siteName} — {placementLabel(placement)}
                  {placement.offered ? null : <span className="ml-1 text-xs text-amber-800">· no longer offered</span>}
                </span>
                <button
                  type="button"
                  onClick={() => toggle(placement.id, false)}
                  aria-label={`Remove ${placement.siteName} — ${placement.name}`}
                  className="rounded-full px-1.5 text-brand-700 hover:bg-brand-100 focus:ring-2 focus:ring-brand-500/40 focus:outline-none"
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className="flex flex-col gap-1.5">
        <label htmlFor={name} className="text-sm text-slate-700">
          Search placements
        </label>
        <div className="flex flex-wrap items-center gap-2">
          <input
            id={name}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            // Enter in the search box searches; it must not submit the campaign.
            onKeyDown={(event) => {
              if (event.key === "Enter") event.preventDefault();
            }}
            placeholder="Site, placement, size or domain"
            autoComplete="off"
            aria-invalid={errors?.length ? true : undefined}
            aria-describedby={describedBy}
            className="block w-full max-w-md rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-500 focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 focus:outline-none"
          />
          {searching ? null : (
            <button type="button" onClick={() => setBrowsing(!browsing)} aria-expanded={browsing} className="rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-slate-100">
              {browsing ? "Hide the list" : `Show all ${offered.length}`}
            </button>
          )}
        </div>
      </div>

      <p aria-live="polite" className="text-sm text-slate-600">
        {searching ? (matches.length === 0 ? "No placement matches." : `${matches.length} ${matches.length === 1 ? "placement matches" : "placements match"}${matches.length > shown.length ? `; the first ${shown.length} shown — narrow the search` : ""}.`) : ""}
      </p>

      {shown.length > 0 ? (
        <div className="flex max-h-80 flex-col gap-3 overflow-y-auto rounded-md border border-slate-200 p-3">
          {groupBySite(shown).map((group) => (
            <div key={`${group.siteName}-${group.domain}`} role="group" aria-label={group.siteName} className="flex flex-col gap-1">
              <p className="text-sm font-medium text-slate-800">
                {group.siteName} <span className="font-normal text-slate-500">{group.domain}</span>
              </p>
              {group.placements.map((placement) => (
                <label key={placement.id} className="inline-flex items-center gap-2 text-sm text-slate-700">
                  <input type="checkbox" checked={chosen.includes(placement.id)} onChange={(event) => toggle(placement.id, event.target.checked)} className="h-4 w-4 rounded border-slate-300" />
                  {placementLabel(placement)}
                </label>
              ))}
            </div>
          ))}
        </div>
      ) : null}
      {hint}
      <FieldErrors name={name} errors={errors} />
    </fieldset>
  );
}
