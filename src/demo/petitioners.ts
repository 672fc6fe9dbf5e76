import { makeIdNumber } from './id-numbers.js';
import type { Random } from './random.js';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗', '梁', '宋', '郑', '谢', '唐', '韩', '曹', '许', '邓', '彭', '曾', '肖', '田', '袁', '蒋', '蔡', '廖', '谭', '龙', '欧阳'];
const MALE = ['建国', '国华', '德福', '春生', '志强', '卫东', '长青', '满仓', '有才', '保国', '明亮', '立新', '永贵', '家旺', '金生', '光明', '大勇', '水根', '正文', '海涛', '俊杰', '树林', '铁柱', '红军'];
const FEMALE = ['桂兰', '秀英', '玉梅', '海燕', '金凤', '翠花', '淑珍', '凤英', '春梅', '小红', '丽萍', '冬梅', '爱华', '美玲', '雪莲', '菊香'];
/** 湖南省邵阳市 county codes: the demo township is imaginary, the ID format is real. */
const REGIONS = ['430521', '430522', '430523', '430524'];
const MOBILE_PREFIXES = ['135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '173', '177', '180', '182', '187', '188', '191', '199'];

export interface DemoPetitioner {
  name: string;
  idNumber: string;
  phone: string;
  address: string;
}

/** A villager with a valid 18-digit ID number (sex matches the sequence digit) and a mobile number. */
export function makePetitioner(rng: Random, village: string, group: number): DemoPetitioner {
  const male = rng.chance(0.6);
  const name = rng.pick(SURNAMES) + rng.pick(male ? MALE : FEMALE);
  const year = rng.int(1948, 1998);
  const month = String(rng.int(1, 12)).padStart(2, '0');
  const day = String(rng.int(1, 28)).padStart(2, '0');
  // The 17th digit is odd for men and even for women (GB 11643-1999).
  const sequence = rng.int(0, 49) * 20 + (male ? 2 * rng.int(0, 4) + 1 : 2 * rng.int(0, 4));
  return {
    name,
    idNumber: makeIdNumber(rng.pick(REGIONS), `${year}${month}${day}`, sequence),
    phone: rng.pick(MOBILE_PREFIXES) + rng.digits(8),
    address: `清河镇${village}${group}组${rng.int(1, 60)}号`,
  };
}
