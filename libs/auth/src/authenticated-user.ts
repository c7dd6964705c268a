/** The roles a token can grant (its `roles` claim); other values are ignored. */
export const ROLES = ['customer', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, from a verified token: `sub` is the customer id. */
export interface AuthenticatedUser {
  id: string;
  roles: readonly Role[];
}

export const isOperator = (user: AuthenticatedUser): boolean => user.roles.includes('operator');

/** The caller when AUTH_DISABLED=true: an operator, so that every endpoint answers. */
export const ANONYMOUS_OPERATOR: AuthenticatedUser = Object.freeze({
  id: 'anonymous',
  roles: Object.freeze(['operator'] as const),
});

/**
 * The customer whose records the caller may see: their own id, or undefined for an operator, who
 * sees everyone's. A record of another customer is then answered as if it did not exist (404, an
 * empty list), so that ids cannot be probed.
 */
export const customerScope = (user: AuthenticatedUser): string | undefined =>
  isOperator(user) ? undefined : user.id;
