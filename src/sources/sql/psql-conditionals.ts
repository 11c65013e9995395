import type { Guard } from "../../python/guards.js";
import type { MetaCommand } from "./psql.js";

/**
 * psql's `\if` / `\elif` / `\else` / `\endif` blocks, followed command by
 * command through one file (psql requires each block to end in the file that
 * opens it). A condition psql reads as a Boolean literal (`true`, `off`, `1`,
 * a unique prefix of one) is decided; any other (`:flag`, a backquoted
 * command) is not: the statements it holds run only if it is true, and those
 * after it in the block only if it is false, which their guards say.
 */
export class PsqlConditionals {
  private readonly frames: Frame[] = [];

  /** Takes the command into account when it is one of the four; false for any other. */
  take(c: MetaCommand): boolean {
    const top = this.frames[this.frames.length - 1];
    switch (c.name) {
      case "if": {
        const frame: Frame = { passed: [], taken: false, branch: { runs: false, guards: [] } };
        this.frames.push(frame);
        enter(frame, c);
        return true;
      }
      case "elif":
        if (top) enter(top, c);
        return true;
      case "else":
        if (top) top.branch = top.taken ? { runs: false, guards: [] } : { runs: true, guards: [...top.passed] };
        return true;
      case "endif":
        this.frames.pop();
        return true;
      default:
        return false;
    }
  }

  /** False inside a branch psql skips. */
  get runs(): boolean {
    return this.frames.every((f) => f.branch.runs);
  }

  /** The undecided conditions the statements here run under, innermost first. */
  get guards(): Guard[] {
    return this.frames.toReversed().flatMap((f) => f.branch.guards.toReversed());
  }
}

interface Frame {
  /** The undecided conditions of earlier branches, false wherever a later branch runs (outermost first). */
  passed: Guard[];
  /** An earlier branch surely ran: no later one does. */
  taken: boolean;
  branch: { runs: boolean; guards: Guard[] };
}

/** `\if` or `\elif`: the branch it opens. */
function enter(frame: Frame, c: MetaCommand): void {
  const value = frame.taken ? false : booleanLiteral(c.args);
  if (value === false) frame.branch = { runs: false, guards: [] };
  else frame.branch = { runs: true, guards: value === true ? [...frame.passed] : [...frame.passed, guardOf(c, true)] };
  if (value === true) frame.taken = true;
  if (value === null) frame.passed.push(guardOf(c, false));
}

function guardOf(c: MetaCommand, runsWhen: boolean): Guard {
  const condition = c.args.replace(/\s+/g, " ");
  return { condition, text: runsWhen ? condition : `not (${condition})`, index: c.start, runsWhen, tests: [], undecided: true };
}

const TRUE = ["true", "yes", "on", "1"];
const FALSE = ["false", "no", "off", "0"];

/** psql's ParseVariableBool: a word or a unique prefix of one (`o` is neither); null for anything else, a variable included. */
function booleanLiteral(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (t === "" || /[\s:`]/.test(t)) return null;
  const on = TRUE.some((w) => w.startsWith(t));
  const off = FALSE.some((w) => w.startsWith(t));
  return on === off ? null : on;
}
