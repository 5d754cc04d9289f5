/** The region check of the rerank stage: only a headline naming other regions costs a document. */
import { describe, it, expect } from 'vitest';
import { regionConflict, regionsIn } from '../../src/retrieval/regions.js';
import { SearchIndex } from '../../src/retrieval/search-index.js';
import { DEFAULT_RERANK } from '../../src/retrieval/rerank.js';

describe('regions', () => {
  it('finds provinces and cities', () => {
    expect(regionsIn('陕西省政府在援企稳岗方面有哪些举措')).toEqual(['陕西']);
    expect(regionsIn('国务院办公厅关于…的通知')).toEqual([]);
  });

  it('a headline naming only other regions conflicts; a national or same-region one does not', () => {
    expect(regionConflict(['陕西'], '北京市16条举措助中小微企业渡难关')).toBe(true);
    expect(regionConflict(['陕西'], '陕西省人民政府办公厅关于印发…')).toBe(false);
    expect(regionConflict(['陕西'], '财政部 税务总局关于支持疫情防控有关税收政策的公告')).toBe(false);
    expect(regionConflict([], '北京市16条举措')).toBe(false);
  });

  it('a national notice overtakes an other-region one that matches the wording a little better', () => {
    const docs = [
      { id: 'bj', title: '', text: '北京市援企稳岗措施 北京市对不裁员或少裁员的参保企业，返还上年度失业保险费的50%，援企稳岗措施立即实施。' },
      { id: 'nat', title: '', text: '援企稳岗措施的通知 对少裁员的参保企业，返还上年度失业保险费的50%。' },
      { id: 'x', title: '', text: '关于做好春耕备耕工作的通知 各地要抓好农资供应。' },
    ];
    const question = '陕西对不裁员的企业有哪些援企稳岗措施';
    const without = SearchIndex.build(docs, { vectors: false, params: { rerank: { ...DEFAULT_RERANK, regionConflict: 0 } } });
    expect(without.searchDocs(question, 'rerank', 2)[0]!.doc.id).toBe('bj');
    const withCheck = SearchIndex.build(docs, { vectors: false });
    expect(withCheck.searchDocs(question, 'rerank', 2)[0]!.doc.id).toBe('nat');
  });
});

describe('离休 and 退休', () => {
  it('a question about one is in conflict with a headline naming only the other', async () => {
    const { statusConflict } = await import('../../src/retrieval/regions.js');
    expect(statusConflict('离休干部住院能报销多少', '退休干部医疗保险待遇和报销办法')).toBe(true);
    expect(statusConflict('退休的门诊起付线多少', '离休干部医药费保障和报销办法')).toBe(true);
    expect(statusConflict('离休干部住院能报销多少', '离休干部医药费保障和报销办法')).toBe(false);
    expect(statusConflict('离休干部住院能报销多少', '离退休干部住院看望办法')).toBe(false);
    expect(statusConflict('离退休干部有体检吗', '退休干部医疗保险待遇和报销办法')).toBe(false);
    expect(statusConflict('住院能报销多少', '退休干部医疗保险待遇和报销办法')).toBe(false);
  });
});
