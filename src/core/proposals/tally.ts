import { type ClosedStatus, type Counts, type DecisionRule, type Quorum, SUPERMAJORITY_THRESHOLD } from '../types';

export type Decision = Extract<ClosedStatus, 'passed' | 'rejected' | 'no_quorum'>;

export const votersOf = (c: Counts): number => c.agree + c.disagree + c.abstain + c.block;

/** How many voters the quorum asks for, given the channel's roster size. */
export function quorumNeeded(quorum: Quorum, rosterSize: number): number {
  switch (quorum.kind) {
    case 'none':
      return 0;
    case 'count':
      return quorum.n;
    case 'share':
      // ceil(percent × roster / 100) in integers: (percent / 100) * roster in floating point is
      // 7.000000000000001 for 7 % of 100, which rounded up asked for 8 voters.
      return Math.floor((quorum.percent * rosterSize + 99) / 100);
  }
}

/** Whether the rule, on its own, would pass these counts (quorum aside). */
export function rulePasses(rule: DecisionRule, c: Counts, threshold = SUPERMAJORITY_THRESHOLD): boolean {
  switch (rule) {
    case 'consent':
      return c.agree >= 1 && c.block === 0;
    case 'majority':
      return c.agree > c.disagree;
    case 'supermajority': {
      const decisive = c.agree + c.disagree;
      // A small tolerance so that exactly two of three meets 2/3 despite floating point.
      return decisive > 0 && c.block === 0 && c.agree >= threshold * decisive - 1e-9;
    }
  }
}

/** The decision at close: quorum first, then the rule. Abstentions and blocks count toward quorum. */
export function decide(rule: DecisionRule, quorum: Quorum, counts: Counts, rosterSize: number): Decision {
  if (votersOf(counts) < quorumNeeded(quorum, rosterSize)) return 'no_quorum';
  return rulePasses(rule, counts) ? 'passed' : 'rejected';
}

export function describeRule(rule: DecisionRule): string {
  switch (rule) {
    case 'consent':
      return 'consent: passes with at least one agree and no block';
    case 'majority':
      return 'majority: passes when agrees outnumber disagrees';
    case 'supermajority':
      return 'supermajority: passes with two thirds of agree + disagree and no block';
  }
}
