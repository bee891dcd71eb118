import { describe, expect, it } from 'vitest';
import { isAdviceConflict, mayOpenOn, openDraftErrors, openErrorsFrom, openInputOf, orderConsultations, textError } from './urgent-consultations.rules';

const me = (roles: string[]) => ({ roles }) as never;

describe('my spoed-MDOs', () => {
  it('lists open ones first, newest first within each', () => {
    const list = [
      { id: 'a', status: 'advised' as const, openedAt: '2026-06-03T10:00:00Z' },
      { id: 'b', status: 'open' as const, openedAt: '2026-06-01T10:00:00Z' },
      { id: 'c', status: 'open' as const, openedAt: '2026-06-02T10:00:00Z' },
      { id: 'd', status: 'advised' as const, openedAt: '2026-06-04T10:00:00Z' },
    ];
    expect(orderConsultations(list).map((c) => c.id)).toEqual(['c', 'b', 'd', 'a']);
  });
});

describe('opening one', () => {
  it('is offered to the roles of the case flow on a case that is not closed', () => {
    expect(mayOpenOn(me(['aandachtsfunctionaris']), 'put-forward')).toBe(true);
    expect(mayOpenOn(me(['tafellid']), 'monitoring')).toBe(true);
    expect(mayOpenOn(me(['aandachtsfunctionaris']), 'closed')).toBe(false);
    expect(mayOpenOn(me(['beleidsmedewerker']), 'monitoring')).toBe(false);
  });

  it('needs a question and each organisation once', () => {
    expect(openDraftErrors({ question: '', invitees: [{ organisationId: '', legalBasis: '' }] })).toEqual({ question: 'required', 'invitees.0.organisationId': 'required' });
    expect(
      openDraftErrors({
        question: 'Kan zij vannacht veilig worden opgevangen?',
        invitees: [
          { organisationId: 'vt', legalBasis: '' },
          { organisationId: 'vt', legalBasis: 'convenant' },
        ],
      }),
    ).toEqual({ 'invitees.1.organisationId': 'duplicate' });
  });

  it('leaves the legal basis out when the recorded one is meant', () => {
    expect(openInputOf({ question: ' Vraag? ', invitees: [{ organisationId: 'vt', legalBasis: '' }, { organisationId: 'pol', legalBasis: 'wpg' }] })).toEqual({
      question: 'Vraag?',
      invitees: [{ organisationId: 'vt' }, { organisationId: 'pol', legalBasis: 'wpg' }],
    });
  });

  it("puts the 422 of a partner without a legal basis on that invitee's field", () => {
    const error = { invalidParams: [{ name: 'body.invitees.1.legalBasis', code: 'missing', reason: '' }, { name: 'body.question', code: 'too_small', reason: '' }] } as never;
    expect(openErrorsFrom(error, { question: 'x', invitees: [{ organisationId: 'a', legalBasis: '' }, { organisationId: 'b', legalBasis: '' }] })).toEqual({
      'invitees.1.legalBasis': 'missing',
      question: 'tooShort',
    });
  });
});

describe('the thread', () => {
  it('checks the length of a contribution (1) and an advice (3)', () => {
    expect(textError(' ', 1)).toBe('required');
    expect(textError('ok', 3)).toBe('tooShort');
    expect(textError('Ja.', 3)).toBeUndefined();
    expect(textError('x'.repeat(10_001), 1)).toBe('tooLong');
  });

  it('treats an advice recorded meanwhile, or a stale version, as a conflict', () => {
    expect(isAdviceConflict({ problem: { code: 'consultation.closed' }, invalidParams: [] } as never)).toBe(true);
    expect(isAdviceConflict({ problem: { code: 'request.invalid' }, invalidParams: [{ name: 'body.version', code: 'stale', reason: '' }] } as never)).toBe(true);
    expect(isAdviceConflict({ problem: { code: 'request.invalid' }, invalidParams: [{ name: 'body.advice', code: 'too_small', reason: '' }] } as never)).toBe(false);
  });
});
