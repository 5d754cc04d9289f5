/**
 * Chinese provinces and large cities. A question about one region ("陕西省…") is less likely to be
 * answered by a document whose headline names only other regions ("北京市16条举措…"); documents
 * naming no region (national notices) are not affected.
 */
const REGIONS = (
  '北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 云南 ' +
  '陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门 深圳 广州 杭州 南京 武汉 成都 西安 郑州 长沙 沈阳 青岛 厦门 ' +
  '宁波 苏州 大连 哈尔滨 长春 济南 合肥 福州 南昌 昆明 贵阳 南宁 兰州 太原 石家庄 呼和浩特 乌鲁木齐 银川 西宁 拉萨 海口'
).split(' ');

/** The regions named in a text. */
export function regionsIn(text: string): string[] {
  return REGIONS.filter((r) => text.includes(r));
}

/** True when the lead names regions and none of them is one the question names. */
export function regionConflict(queryRegions: string[], lead: string): boolean {
  if (queryRegions.length === 0) return false;
  const named = regionsIn(lead);
  return named.length > 0 && !named.some((r) => queryRegions.includes(r));
}

/**
 * 离休 and 退休 are different entitlements (离休 costs are covered in full; 退休 ones by ratio): a
 * question about one is not answered by a document whose headline names only the other.
 * 离退休 (both) and a headline naming neither are never a conflict.
 */
export function statusConflict(question: string, lead: string): boolean {
  const scope = (t: string) => ({ li: /离休|离退休/u.test(t), tui: /(?<!离)退休|离退休/u.test(t) });
  const q = scope(question.replace(/离退休/gu, ''));
  const d = scope(lead);
  if (q.li === q.tui || d.li === d.tui) return false;
  return q.li ? !d.li : !d.tui;
}

/** 离休 or 退休 when the text names only that one (离退休 names both, and so does a text naming each), else null. */
export function onlyStatus(text: string): '离休' | '退休' | null {
  const t = text.replace(/离退休/gu, '');
  const li = /离休/u.test(t);
  const tui = /退休/u.test(t);
  return li === tui ? null : li ? '离休' : '退休';
}
