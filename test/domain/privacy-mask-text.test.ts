import { describe, expect, it } from 'vitest';
import { maskPersonalText } from '../../src/domain/privacy/mask-text.js';
import { maskSearchTerm } from '../../src/domain/privacy/mask-search-term.js';

const lixuelian = { name: '李雪莲', idNumber: '420101199001011234', phone: '13912345678', address: '湖北省某县青山镇青山村三组12号' };

describe('R24: free text is masked where personal data is masked', () => {
  it('R24: the petitioner named in a progress report, with her mobile and ID number, is masked', () => {
    expect(maskPersonalText('李雪莲 13912345678，身份证420101199001011234', [lixuelian])).toBe('李*莲 139****5678，身份证4201**********1234');
  });

  it('R24: a title naming the petitioner is masked; her given name and her house are too', () => {
    expect(maskPersonalText('郑俊杰与邻居排水纠纷', [{ name: '郑俊杰' }])).toBe('郑*杰与邻居排水纠纷');
    expect(maskPersonalText('雪莲说她住在青山村三组12号', [lixuelian])).toBe('**说她住在青山村***');
    expect(maskPersonalText('现住湖北省某县青山镇青山村三组12号', [lixuelian])).toBe('现住***');
  });

  it('R24: every co-petitioner is masked, the longest name first', () => {
    const text = '欧阳小锋、张三和王五反映';
    expect(maskPersonalText(text, [{ name: '欧阳小锋' }, { name: '张三' }, { name: '王五' }])).toBe('欧**锋、张*和王*反映');
  });

  it('R24: numbers of anyone are masked, whatever their form: 18 and 15 digits, X, groups, +86, full width, landlines', () => {
    expect(maskPersonalText('身份证42010219900101123x')).toBe('身份证4201**********123x');
    expect(maskPersonalText('身份证 420102 19900101 1234')).toBe('身份证 4201**********1234');
    expect(maskPersonalText('旧证420101900101123')).toBe('旧证4201*******1123');
    expect(maskPersonalText('手机 139 1234 5678 或 +86-139-1234-5678')).toBe('手机 139****5678 或 139****5678');
    expect(maskPersonalText('电话１３９１２３４５６７８')).toBe('电话139****5678');
    expect(maskPersonalText('座机0710-1234567，(0710)87654321')).toBe('座机071****4567，071*****4321');
    expect(maskPersonalText('本地电话5123456，银行卡6222021234567890123，邮箱 lixl@qq.com')).toBe('本地电话*****56，银行卡622************0123，邮箱 l***@qq.com');
  });

  it('R24: case numbers, dates, amounts and short numbers stay readable', () => {
    const text = 'XF-2026-0042：2026年3月5日（20260305）赔偿款1500000元，门牌12345';
    expect(maskPersonalText(text)).toBe(text);
  });

  it('R24: masking an already masked text changes nothing', () => {
    const once = maskPersonalText('李雪莲 13912345678，身份证420101199001011234', [lixuelian]);
    expect(maskPersonalText(once, [lixuelian])).toBe(once);
  });
});

describe('R24/R25: a search term as the audit log keeps it', () => {
  it.each([
    ['郑俊杰', '郑*杰'],
    ['俊杰', '俊*'],
    ['13912345678', '139****5678'],
    ['+86 13912345678', '139****5678'],
    ['5678', '****'],
    ['420101199001011234', '4201**********1234'],
    ['42010119900101123X', '4201**********123X'],
    [' 郑俊杰  139 1234 5678 ', '郑*杰 139****5678'],
  ])('R24: %s is kept as %s', (term, kept) => {
    expect(maskSearchTerm(term)).toBe(kept);
  });
});
