// A roll searched in the library a page at a time (find_members, issue 18: no command returns
// a whole roll to a form), as the topic form's assignees and every MemberSelect search it. The
// page shown is the answer to the latest text asked (a slower, older answer is dropped), asked
// once typing pauses.
import { api, asError, type Member, type OrganisationId } from "./api";

/** How long typing pauses before the text is searched. */
const TYPING_PAUSE_MS = 150;

export class MemberSearch {
  /** The text typed in the search box. */
  text = $state("");
  /** The page of members the library found for the text last answered. */
  found: Member[] = $state([]);
  /** How many members match that text in all (the page holds 50 at most). */
  total = $state(0);
  /** Whether an answer came at all (before it, "nobody found" would be untrue). */
  searched = $state(false);
  error: string | undefined = $state();

  #organisation: () => OrganisationId | null;
  #onPage: ((members: Member[], first: boolean) => void) | undefined;
  #asked = 0;
  #typing: ReturnType<typeof setTimeout> | undefined;

  /** Searches `organisation()`'s roll (null: every roll) for "" at once: the first page.
   *  `onPage` hears each page shown, and whether it is the first. */
  constructor(organisation: () => OrganisationId | null, onPage?: (members: Member[], first: boolean) => void) {
    this.#organisation = organisation;
    this.#onPage = onPage;
    void this.find("");
  }

  async find(text: string): Promise<void> {
    const mine = ++this.#asked;
    try {
      const page = await api.findMembers(this.#organisation(), text);
      if (mine !== this.#asked) return; // a later search answered first
      const first = !this.searched;
      this.found = page.members;
      this.total = page.total;
      this.searched = true;
      this.error = undefined;
      this.#onPage?.(page.members, first);
    } catch (e) {
      this.error = asError(e).message;
    }
  }

  /** For the search box's input event: the text is searched once typing pauses. */
  afterTyping = (): void => {
    clearTimeout(this.#typing);
    this.#typing = setTimeout(() => void this.find(this.text), TYPING_PAUSE_MS);
  };
}
