import type { Random } from '../random'

const surnames = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈楼宣斯骆寿俞钟应']
const givenChars = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红波辉玲燕鹏飞宇浩然晨阳林峰海东雪梅兰婷慧倩亮成龙']
const placeChars = [...'青枫梅竹松柳桃兰石溪湖山泉云龙凤安和平宁丰华新明清金玉白东西南北岭塘浦桥湾港岩坞畈口源江河洲']

/** Makes unique, plausible Chinese names. All names in the demo county are synthetic. */
export function createNamer(random: Random) {
  const used = new Set<string>()
  const unique = (make: () => string) => {
    for (let i = 0; i < 200; i++) {
      const name = make()
      if (!used.has(name)) {
        used.add(name)
        return name
      }
    }
    throw new Error('ran out of unique names')
  }
  const placeStem = () => random.pick(placeChars) + random.pick(placeChars)
  return {
    person: () => random.pick(surnames) + random.pick(givenChars) + (random.chance(0.7) ? random.pick(givenChars) : ''),
    place: (suffix: string) => unique(() => placeStem() + suffix),
    /** A mobile number in the 1xx xxxx xxxx pattern. */
    phone: () => `1${random.pick(['3', '5', '7', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`,
  }
}
export type Namer = ReturnType<typeof createNamer>
