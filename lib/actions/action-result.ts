/** The one result shape every server action returns; works with useActionState. */
export type ActionResult<T = undefined> =
  | { ok: true; message?: string; data?: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

export type ActionState<T = undefined> = ActionResult<T> | null;
