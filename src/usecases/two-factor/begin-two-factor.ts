/**
 * Opens (or reopens) an enrolment: the secret waiting for its first code, made now when there is none. Null when
 * two-factor sign-in is already on — the secret is never shown again after enrolment.
 */
import type { Authenticator, TwoFactorStore } from '../../domain/two-factor';

export async function beginTwoFactor(store: TwoFactorStore, auth: Authenticator, staffId: string, now: Date): Promise<string | null> {
  const record = await store.find(staffId);
  if (record?.enabledAt) return null;
  if (record) return record.secret;
  const secret = auth.newSecret();
  await store.begin(staffId, secret, now);
  return secret;
}
