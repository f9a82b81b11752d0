import type { Clock } from '../clock';
import type { CalendarGateway, Caller, Person } from '../graph/calendar-gateway';
import { reasonOf, row, settle, type CheckReport, type CheckResult, type CaseVars, type Settled } from './check-report';
import type { ShareRole } from '../sharing/roles';
import { allowedOutside, domainOf, externalCap, isOrganizationAddress, type SharingPolicy } from '../sharing/sharing-policy';
import { checkOwnerShares, ownerShareReads } from './owner-checks';
import type { SharingRecordsReader } from './sharing-records';
import type { PersonKind } from './tree-schema';
import type { Facts } from './tree-walk';

export interface CaseChecksDeps {
  gateway: Pick<CalendarGateway, 'getMe' | 'resolvePerson' | 'readTogether' | 'readAgenda'>;
  records: SharingRecordsReader;
  policy: SharingPolicy;
  organizationDomains: string[];
  clock: Clock;
}

/** What a case is about: who it names (the owner of a calendar, or the recipient of a refused share). */
export interface CaseInput {
  kind: PersonKind;
  address?: string;
  /** For a refused share: the level the person tried to give. */
  triedRole?: ShareRole;
}

/**
 * The automatic checks run before any advice, with the caller's own Graph token and the bot's records.
 * A check Graph cannot answer is `unknown`, never a guess: the tree then takes its unknown branch.
 */
export class CaseChecks {
  constructor(private readonly deps: CaseChecksDeps) {}

  async run(caller: Caller, input: CaseInput): Promise<CheckReport> {
    if (input.kind === 'none' || !input.address) return this.mailbox(caller);
    return input.kind === 'owner' ? this.owner(caller, input.address) : this.recipient(caller, input.address, input.triedRole);
  }

  private async owner(caller: Caller, address: string): Promise<CheckReport> {
    // The person and what the share checks read of Graph, in one round trip: none of them needs another's answer.
    const read = await this.deps.gateway.readTogether(caller, { person: { read: 'person', address }, ...ownerShareReads(this.deps.clock, address) });
    const found = this.personFrom(address, read.person);
    if (found.facts.personFound === false || found.facts.personInside === false) return report(found.results, found.facts, found.vars);
    const shares = await checkOwnerShares(this.deps, caller, { address, name: found.vars.person ?? address }, read);
    return report([...found.results, ...shares.results], { ...found.facts, ...shares.facts }, { ...found.vars, ...shares.vars });
  }

  private async recipient(caller: Caller, address: string, triedRole: ShareRole | undefined): Promise<CheckReport> {
    const found = this.personFrom(address, await settle<Person>(this.deps.gateway.resolvePerson(caller, { address })));
    if (found.facts.personFound === false) return report(found.results, found.facts, found.vars);
    const { policy } = this.deps;
    const vars: CaseVars = { ...found.vars, capRole: externalCap(policy, address), ...(triedRole && { triedRole }) };
    const facts: Facts = { ...found.facts };
    let policyRow: CheckResult;
    if (facts.personInside) {
      facts.withinPolicy = true;
      policyRow = row('policy', 'pass', 'insideNoPolicy', { person: vars.person ?? address });
    } else if (!triedRole) {
      policyRow = row('policy', 'unknown', 'capOnly', { domain: domainOf(address), capRole: externalCap(policy, address) });
    } else {
      facts.withinPolicy = allowedOutside(policy, address, triedRole);
      const policyVars = { domain: domainOf(address), capRole: externalCap(policy, address), triedRole };
      policyRow = row('policy', facts.withinPolicy ? 'pass' : 'fail', facts.withinPolicy ? 'withinPolicy' : 'beyondPolicy', policyVars);
    }
    return report([...found.results, policyRow], facts, vars);
  }

  /** Does the person exist, inside or outside? When Graph cannot say, the configured domains still tell inside from outside. */
  private personFrom(address: string, resolved: Settled<Person>): { results: CheckResult[]; facts: Facts; vars: CaseVars } {
    const vars: CaseVars = { address, domain: domainOf(address), person: address };
    if (resolved.ok) {
      const { displayName, isInsideOrganization } = resolved.value;
      vars.person = displayName || address;
      const message = isInsideOrganization ? 'inside' : 'outside';
      return { results: [row('person', 'pass', message, { name: vars.person, address, domain: vars.domain ?? '' })], facts: { personFound: true, personInside: isInsideOrganization }, vars };
    }
    const reason = reasonOf(resolved.error);
    if (reason === 'notFound' || reason === 'invalidRequest') {
      return { results: [row('person', 'fail', 'notFound', { address })], facts: { personFound: false }, vars };
    }
    const inside = isOrganizationAddress(this.deps.organizationDomains, address);
    return { results: [row('person', 'unknown', 'error', { address, reason })], facts: { personInside: inside }, vars };
  }

  private async mailbox(caller: Caller): Promise<CheckReport> {
    // A live check: the profile kept from an earlier turn says nothing about the mailbox answering now.
    const me = await settle(this.deps.gateway.getMe(caller, { fresh: true }));
    if (me.ok) {
      const vars: CaseVars = { address: me.value.address, domain: domainOf(me.value.address) };
      return report([row('mailbox', 'pass', 'reachable', { address: me.value.address })], { mailboxReachable: true }, vars);
    }
    const reason = reasonOf(me.error);
    if (reason === 'unavailable' || reason === 'timeout') return report([row('mailbox', 'fail', 'notAnswering', { reason })], { mailboxReachable: false }, {});
    return report([row('mailbox', 'unknown', 'error', { reason })], {}, {});
  }
}

function report(results: CheckResult[], facts: Facts, vars: CaseVars): CheckReport {
  return { results, facts, vars, incomplete: results.some((result) => result.status === 'unknown') };
}
