// More actions of the `account` tool: the Basecamp account itself (plan, limits, name, logo).
// Added in catalog/index.ts.
import { z } from 'zod';
import type { Operation, RecordView } from '../operation.ts';
import { defineOperation } from '../operation.ts';
import { line } from '../params.ts';
import { obj, str } from '../facts.ts';

const accountView: RecordView = {
  noun: 'account',
  facts: (r) => [
    str(r.owner_name) && `owner ${str(r.owner_name)}`,
    r.trial === true && `trial until ${str(r.trial_ends_on) ?? '?'}`,
    r.frozen === true && 'frozen',
    r.paused === true && 'paused',
    str(obj(r.subscription)?.plan) ?? str(obj(r.subscription)?.name),
  ],
  keep: [
    'name',
    'owner_name',
    'active',
    'trial',
    'trial_ends_on',
    'frozen',
    'paused',
    'limits',
    'subscription',
  ],
};

export const accountSettingsOperations: Operation[] = [
  defineOperation({
    id: 'account.get',
    domain: 'account',
    action: 'get',
    title: 'Get the account',
    summary: 'The Basecamp account: name, owner, plan, limits, trial state.',
    method: 'GET',
    path: '/account.json',
    params: z.object({}),
    kind: 'read',
    openapi: ['GetAccount'],
    view: accountView,
  }),
  defineOperation({
    id: 'account.rename',
    domain: 'account',
    action: 'rename',
    title: 'Rename the account',
    summary: 'Change the name of the Basecamp account (account owners only).',
    method: 'PUT',
    path: '/account/name.json',
    params: z.object({ name: line('The new account name', 255) }),
    kind: 'write',
    openapi: ['UpdateAccountName'],
    view: accountView,
  }),
  defineOperation({
    id: 'account.remove_logo',
    domain: 'account',
    action: 'remove_logo',
    title: 'Remove the account logo',
    summary: 'Remove the account’s logo (admins only); Basecamp shows its default again.',
    method: 'DELETE',
    path: '/account/logo.json',
    params: z.object({}),
    kind: 'destructive',
    openapi: ['RemoveAccountLogo'],
  }),
];
