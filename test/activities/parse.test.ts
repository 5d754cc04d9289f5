/** Reading retirees' wording: numbers, seats, Chinese dates, keywords, dates in the elderly format. */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { Prompts } from '../../src/core/prompts.js';
import { closestByChars, keywordOf, matchByKeyword, parseChoice, parseChoiceAndSeats, parseDay, parseSeats, yesNo } from '../../src/skills/activities/parse.js';
import { formatWhen } from '../../src/skills/activities/format.js';
import type { Activity } from '../../src/store/activity-types.js';

const tz = 'Asia/Shanghai';
const now = new Date('2026-11-27T02:00:00Z'); // Friday 10:00 in Shanghai
const prompts = Prompts.load(join(process.cwd(), 'prompts'));

describe('activity wording', () => {
  it('reads choices', () => {
    expect(['1', '第2个', '3号', '选4', '报名 5', '三', '取消2', '2。', '我要报名第2个'].map(parseChoice)).toEqual([1, 2, 3, 4, 5, 3, 2, 2, 2]);
    expect(parseChoice('下周三的讲座')).toBeNull();
    expect(parseChoice('我和老伴两个人')).toBeNull();
  });

  it('reads seats', () => {
    expect(parseSeats('我和老伴两个人')).toBe(2);
    expect(parseSeats('我和老伴一起去')).toBe(2);
    expect(parseSeats('报3位')).toBe(3);
    expect(parseSeats('两个人')).toBe(2);
    expect(parseSeats('就我一个')).toBe(1);
    expect(parseSeats('象棋比赛')).toBeNull();
  });

  it('reads Chinese dates in the configured time zone, forward', () => {
    expect(parseDay('下周三的讲座', now, tz)).toMatchObject({ day: '2026-12-02' });
    expect(parseDay('12月3号', now, tz)).toMatchObject({ day: '2026-12-03' });
    expect(parseDay('十二月三日的比赛', now, tz)).toMatchObject({ day: '2026-12-03' });
    expect(parseDay('明天', now, tz)).toMatchObject({ day: '2026-11-28' });
    expect(parseDay('3号', now, tz)).toMatchObject({ day: '2026-12-03' });
    expect(parseDay('28号', now, tz)).toMatchObject({ day: '2026-11-28' });
    expect(parseDay('13月45号', now, tz)).toEqual({ error: expect.any(String) });
    expect(parseDay('象棋比赛', now, tz)).toBeNull();
  });

  it('finds activities by keyword', () => {
    const acts = [
      { id: '1', title: '象棋比赛', category: '棋牌' },
      { id: '2', title: '健康养生讲座', category: '讲座' },
      { id: '3', title: '智慧养老讲座', category: '讲座' },
    ] as Activity[];
    expect(keywordOf('下周三的讲座', '下周三')).toBe('讲座');
    expect(keywordOf('我和老伴两个人报名象棋比赛')).toBe('象棋比赛');
    expect(matchByKeyword('象棋', acts).map((a) => a.id)).toEqual(['1']);
    expect(matchByKeyword('讲座', acts).map((a) => a.id)).toEqual(['2', '3']);
    expect(matchByKeyword('智慧养老讲座', acts).map((a) => a.id)).toEqual(['3']);
    expect(matchByKeyword('跳舞', acts)).toEqual([]);
    expect(matchByKeyword('跳舞比赛', acts)).toEqual([]);
    expect(matchByKeyword('健康讲座', acts).map((a) => a.id)).toEqual(['2']);
  });

  it('reads yes and no', () => {
    expect(['1', '确认', '好的', '2', '算了', '随便'].map((t) => yesNo(t))).toEqual([true, true, true, false, false, null]);
  });

  it('reads week ranges and keeps counts apart from choices', () => {
    const tue = new Date('2026-12-01T02:00:00Z'); // Tuesday 10:00 in Shanghai
    expect(parseDay('下周的讲座', tue, tz)).toMatchObject({ day: '2026-12-07', last: '2026-12-13' });
    expect(parseDay('这周有什么活动', tue, tz)).toMatchObject({ day: '2026-12-01', last: '2026-12-06' });
    expect(parseDay('这周末', tue, tz)).toMatchObject({ day: '2026-12-05', last: '2026-12-06' });
    expect(parseDay('周末有活动吗', tue, tz)).toMatchObject({ day: '2026-12-05', last: '2026-12-06' });
    expect(parseDay('下周三', tue, tz)).toMatchObject({ day: '2026-12-09' });
    expect(parseDay('下周三', tue, tz)).not.toHaveProperty('last');
    expect(['报一个', '我要报一个', '报两个', '给我报第3个', '帮我报第3个'].map(parseChoice)).toEqual([null, null, null, 3, 3]);
    expect(parseChoiceAndSeats('1，两个人')).toEqual({ choice: 1, seats: 2 });
    expect(parseChoiceAndSeats('第2个，我和老伴')).toEqual({ choice: 2, seats: 2 });
    expect(parseChoiceAndSeats('两个人')).toBeNull();
    expect(keywordOf('帮我报第3个')).toBe('');
  });

  it('reads yes and no as retirees say them, and "取消" as a yes inside a cancellation', () => {
    expect(['确认报名', '对，报上吧', '好的好的', '👍', 'OK', '行吧'].map((t) => yesNo(t))).toEqual([true, true, true, true, true, true]);
    expect(['不报了', '我再想想', '算了吧', '取消', '2。'].map((t) => yesNo(t))).toEqual([false, false, false, false, false]);
    expect(['等等', '🙏', '我跟你说啊'].map((t) => yesNo(t))).toEqual([null, null, null]);
    expect(['取消', '确认取消', '取消吧', '1'].map((t) => yesNo(t, true))).toEqual([true, true, true, true]);
    expect(['不取消了', '保留', '算了', '2', '还是去吧'].map((t) => yesNo(t, true))).toEqual([false, false, false, false, false]);
  });

  it('guesses a typo only when one title is clearly nearest', () => {
    const acts = [
      { id: '1', title: '象棋比赛', category: '棋牌' },
      { id: '2', title: '掼蛋比赛', category: '棋牌' },
    ] as Activity[];
    expect(closestByChars('象旗比赛', acts)?.id).toBe('1');
    expect(closestByChars('跳舞比赛', acts)).toBeNull();
    expect(closestByChars('比赛', acts)).toBeNull();
  });

  it('formats dates for elderly readers', () => {
    expect(formatWhen('2026-12-03T06:00:00Z', tz, prompts)).toBe('12月3日（周四）下午2:00');
    expect(formatWhen('2026-12-02T01:30:00Z', tz, prompts)).toBe('12月2日（周三）上午9:30');
    expect(formatWhen('2026-12-02T04:00:00Z', tz, prompts)).toBe('12月2日（周三）中午12:00');
    expect(formatWhen('2026-12-02T11:00:00Z', tz, prompts)).toBe('12月2日（周三）晚上7:00');
  });
});
