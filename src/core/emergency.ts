/**
 * Signs that someone is in danger now and not (yet) in care: shared by the router (such a message is
 * feedback, whatever else it says) and the feedback skill (its emergency reply: 120, family, the staff
 * phone, an urgent ticket).
 */

/**
 * Signs of a person in danger now: a fall they cannot get up from, breathlessness, chest pain,
 * fainting, a stroke or heart attack, fits, heavy bleeding. "起不来" needs the fall with it (早上起不来
 * is no emergency); "没反应" is not a sign (a television has none either).
 */
const SIGNS = new RegExp(
  [
    '(摔|跌|倒|滑倒|地上|地下|床下|厕所里).{0,12}(起不来|爬不起来|站不起来|起不了身|动不了|动弹不了)',
    '(腿|脚|身子|身体|半边|胳膊|手脚)(都|也|一下子|突然)?(动不了|不能动|动弹不了|没劲|使不上劲)',
    '喘不上气|喘不过气|透不过气|上不来气|喘不上来|憋得慌|呼吸困难|气都喘不',
    '(胸口|心口|胸)(好|很|特别|非常|有点|突然|一阵阵|一直)?(疼|痛|闷|憋|压)',
    '胸痛|胸闷',
    '(晕|昏)(倒|过去|迷|厥)|不省人事|叫不醒|喊不醒|没(了)?(知觉|意识)',
    '中风|脑梗|心梗|脑溢血|脑出血|心脏病(犯|发作)|犯了?心脏病',
    '嘴(也)?歪|口眼歪斜|说不(出|了)话|舌头(发)?硬',
    '抽搐|抽风|口吐白沫|吐血|大出血|血止不住|流了?(好多|很多|一地)血',
  ].join('|'),
  'u',
);

/** Already in care or on the way: a hospital report (asked which hospital), not an emergency at home. */
const IN_CARE = /住院|住进|医院|急诊|ICU|CCU|监护室|病房|抢救|送医|卫生院|诊所|手术|(拉|送|抬)(走|到|去|进)/iu;

/** Not now: long past or over ("中风三年了", "后遗症", "已经好了"). */
const NOT_NOW = /后遗症|(几|好几|[一二三四五六七八九十两\d]+)(年|个月)(了|多)|以前|去年|前年|上个?月|上周|上礼拜|上星期|年前|那年|好多了|没事了|缓过来了|已经好了|康复/u;

/** Said as a case or asked as a rule ("要是在家摔倒了起不来怎么办", "中风了能报销吗"). */
const NOT_A_REPORT = /要是|如果|假如|万一|的话|一旦|报销|补贴|补助|政策|规定|待遇|费用/u;

/** True when `text` tells of someone in danger now: a sign, not in care, not long past, not a case or a rule question. */
export function dangerNow(text: string): boolean {
  return SIGNS.test(text) && !IN_CARE.test(text) && !NOT_NOW.test(text) && !NOT_A_REPORT.test(text);
}
