/**
 * The retiree changes their mind while a feedback is being written: "算了不说了", "不反映了", "没事了",
 * "我不想麻烦单位了 算了". Read as a whole message (a matter that merely contains 没事 is not a cancel):
 * every clause is a cancel word, or a short reason ("不想麻烦单位了") ends with one.
 */
/** One cancel word, possibly several in a row ("算了不说了"). */
const CANCEL_WORD =
  '(?:算了|算啦|不说了|不想说了|不讲了|不提了|不反映了|不想反映了|不投诉了|不报了|不报告了|不登记了|不用报了|不用登记了|不用反映了|不麻烦(?:你们|您|单位|大家|组织)?了|不用麻烦(?:你们|您|单位|大家|组织)?了|没事了|没事儿了|没什么事了|没啥事了|不用了|不要了|取消了?|不提交了?|先不了|以后再说|下次再说|改天再说|回头再说)';
/** Softening around the cancel words: 那, 还是, 吧, 了, 谢谢… */
const SOFT = '(?:哎|唉|嗯|哦|噢|那|那就|还是|我|我们|要不|先|就|好的?|行|谢谢|谢谢您|谢谢你|谢谢你们|麻烦了|吧|啊|呀|啦|哈|呢|哦)*';
const SOFT_CLAUSE = new RegExp(`^${SOFT}$`, 'u');
const CANCEL_CLAUSE = new RegExp(`^${SOFT}(?:${CANCEL_WORD}${SOFT})+$`, 'u');
/** A clause giving the reason for dropping it ("我不想麻烦单位了", "也没多大事", "自己能解决"). */
const REASON = /不想|不用|不必|没必要|不需要|麻烦|添乱|没多大|没什么|不要紧|好了|自己|解决了|修好了|弄好了|出院/u;
/** A clause that ends with a cancel word after a reason: "我不想麻烦单位了算了". */
const ENDS_WITH_CANCEL = new RegExp(`${CANCEL_WORD}${SOFT}$`, 'u');

function hanCount(text: string): number {
  return (text.match(/\p{Script=Han}/gu) ?? []).length;
}

/** True when the whole message drops the feedback being written. */
export function isCancel(text: string): boolean {
  const said = text.trim();
  // A question ("没事了吗", "算了吗？") asks back; it drops nothing.
  if (said.length === 0 || /[?？]|[吗么嘛][\s\p{P}]*$/u.test(said)) return false;
  // Clauses of thanks or sighs alone ("谢谢", "哎") go with the cancel word beside them.
  const clauses = said.split(/[\s\p{P}\p{S}]+/u).filter((c) => c.length > 0 && !SOFT_CLAUSE.test(c));
  if (clauses.length === 0) return false;
  if (clauses.every((c) => CANCEL_CLAUSE.test(c))) return true;
  // A short reason and a cancel word: "我不想麻烦单位了 算了", "不麻烦你们了，算了吧", "修好了 没事了".
  if (hanCount(said) > 16) return false;
  const last = clauses[clauses.length - 1]!;
  const rest = clauses.slice(0, -1);
  if (CANCEL_CLAUSE.test(last)) return rest.every((c) => CANCEL_CLAUSE.test(c) || REASON.test(c));
  if (clauses.length === 1 && ENDS_WITH_CANCEL.test(last)) return REASON.test(last.replace(ENDS_WITH_CANCEL, ''));
  return false;
}
