/** The console's main navigation. Add a page here with the permission its route declares. */
import type { StaffRole } from '../domain/staff';
import { can, type RoutePermission } from './permissions';

export interface NavItem {
  href: string;
  label: string;
  permission: Exclude<RoutePermission, 'public'>;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/console', label: 'ホーム', permission: 'signedIn' },
  { href: '/console/inbox', label: '受信箱', permission: 'inbox.view' },
  { href: '/console/measures', label: '対応の状況', permission: 'measures.view' },
  { href: '/console/broadcasts', label: 'お知らせ配信', permission: 'broadcast.manage' },
  { href: '/console/events', label: '行事・講座', permission: 'event.manage' },
  { href: '/console/salons', label: 'サロン', permission: 'salon.manage' },
  { href: '/console/volunteers', label: 'ボランティア', permission: 'volunteer.manage' },
  { href: '/console/volunteer-requests', label: 'ボランティア依頼', permission: 'volunteer.manage' },
  { href: '/console/donations', label: '寄付・寄贈', permission: 'donation.manage' },
  { href: '/console/allocation', label: '配分計画', permission: 'donation.manage' },
  { href: '/console/audit', label: '監査ログ', permission: 'audit.view' },
];

/** The items a member with `role` may open, in order. */
export function navFor(role: StaffRole): NavItem[] {
  return NAV_ITEMS.filter((item) => item.permission === 'signedIn' || can(role, item.permission));
}
