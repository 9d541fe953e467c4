import type { Problem, ProblemCode } from '../problems.js';

/**
 * The Berlin Group message codes `/psd2` answers with: every problem code but Bankbridge's own,
 * which `/psd2` names by the Berlin Group code closest in meaning.
 */
export type TppMessageCode = Exclude<ProblemCode, OwnCode>;

type OwnCode = 'SCA_DENIED' | 'SCA_NOT_WAITING';

const OWN_CODES: Record<OwnCode, TppMessageCode> = {
  SCA_DENIED: 'CONSENT_INVALID',
  SCA_NOT_WAITING: 'STATUS_INVALID',
};

export interface TppMessage {
  category: 'ERROR' | 'WARNING';
  code: TppMessageCode;
  text: string;
  path?: string;
}

export function tppMessageCode(code: ProblemCode): TppMessageCode {
  return code in OWN_CODES ? OWN_CODES[code as OwnCode] : (code as TppMessageCode);
}

/** A problem as NextGenPSD2 answers it: `{"tppMessages":[{"category":"ERROR",...}]}`. */
export function tppMessagesBody(problem: Problem): { tppMessages: TppMessage[] } {
  const message: TppMessage = {
    category: 'ERROR',
    code: tppMessageCode(problem.code),
    text: problem.text,
  };
  if (problem.path !== undefined) message.path = problem.path;
  return { tppMessages: [message] };
}
