// Who did something, as the audit log records it: a person in the dashboard, a person's API
// key, or the system itself. Server actions build it from the session, API routes from the
// key's context; every domain function that changes a record takes one.

export type Actor =
  | { channel: "DASHBOARD"; userId: string; email: string }
  /** A key acts as its creator (a member of its organisation, or it does not authenticate). */
  | { channel: "API"; userId: string; email: string; apiKeyId: string }
  | { channel: "SYSTEM" };

/** A signed-in person, in the dashboard (a server action's session user). */
export function dashboardActor(user: { id: string; email: string }): Actor {
  return { channel: "DASHBOARD", userId: user.id, email: user.email };
}

/** A request authenticated by an API key (withApiKey's context: the key, and its creator). */
export function apiActor(context: { apiKey: { id: string }; actor: { userId: string; email: string } }): Actor {
  return { channel: "API", userId: context.actor.userId, email: context.actor.email, apiKeyId: context.apiKey.id };
}

/** The columns an actor is stored as. */
export function actorColumns(actor: Actor): { actorId: string | null; actorEmail: string | null; channel: Actor["channel"]; apiKeyId: string | null } {
  switch (actor.channel) {
    case "DASHBOARD":
      return { actorId: actor.userId, actorEmail: actor.email, channel: actor.channel, apiKeyId: null };
    case "API":
      return { actorId: actor.userId, actorEmail: actor.email, channel: actor.channel, apiKeyId: actor.apiKeyId };
    case "SYSTEM":
      return { actorId: null, actorEmail: null, channel: actor.channel, apiKeyId: null };
  }
}
