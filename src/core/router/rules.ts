/**
 * Stage 2 of routing: rules over the wording retirees use. Each pattern describes a way of saying
 * something (a question form, a complaint form, a sign-up form), not a particular sentence.
 * Anything they do not decide goes on to the example-based classifier.
 */
import { dangerNow } from '../emergency.js';
import type { KnownIntent, Slots } from '../types.js';

export interface RuleHit {
  intent: KnownIntent;
  confidence: number;
  slots?: Slots;
  rule: string;
}

const HAN = '\\p{Script=Han}';

/** A question rather than a statement: asks about a rule, an amount, a time, a way to do something. */
export const QUESTION = new RegExp(
  [
    `(${HAN})不\\1`, // A-not-A: 发不发, 能不能
    '[吗么嘛伐][\\s？?。!！~]*$', // 伐: Shanghainese 吗 (活动中心礼拜天开伐)
    '吗(?=[\\s，,；;])', // a question clause before another ("明年能补上吗 或者折成钱给我")
    '[？?]',
    '没有[\\s。]*$|没得[\\s。]*$|[没不][\\s？?。]*$',
    '还是',
    '会不会|能不能|可不可以|可以.{0,6}吗|有没有|是不是|是否',
    '怎么|怎样|咋|如何',
    '多少|多长|多久|多大',
    '(?<![这那过好十])(?<!(?<!提)前)几[门个次天年月岁块元种项期回位号点楼成份本星级档类趟遍顿周]',
    '(在|去|到|上)哪(办|领|交|补|看|问|报)?|哪(办|领|交|补)',
    '(周|星期|礼拜)几|来着',
    '哪些|哪里|哪儿|哪天|哪个|何时|什么时候|什么|啥|谁',
  ].join('|'),
  'u',
);

/** Someone to go along, asked as what is required (要家属陪同吗, 得有家里人陪着吗): the rules for the older ones. */
const ESCORT = '(要|须|需|需要|必须|得|要不要|用不用|需不需要|得不得)(有)?(家属|家人|家里人|子女|孩子|儿女|老伴|人)(陪|跟着)';
/** Words of rules and entitlements: a question with these is about policy. */
const POLICY_WORDS = new RegExp(String.raw`(退休金|养老金|抚恤金|工资|补贴|补助|津贴|待遇|报销|政策|规定|标准|制度|条件|资格|级别|限制|年龄|费用|收费|学费|[^报名]费|手续|材料|流程|办理|申请|最多|最少|上限|交钱|收钱|多少钱|免费|牙|门诊|治疗|看病|就医|医药|药费|备案|押金|垫付|慰问|抚恤|体检|优惠|打折|打几折|折扣|减免|半价|免票|老年票|必须|(最晚|最迟)(什么时候|啥时候|哪天|几号|提前|多久|几天)|提前(几|多少|多久)|\d{2}岁|[六七八九]十[一二三四五六七八九]?多?岁|(?<![\d.])[6-9]\d了|${ESCORT})`, 'u');
const ACTIVITY_NOUN = /(活动|讲座|比赛|赛|展|班|课|演出|参观|旅游|春游|秋游|郊游|登高|登山|联欢|晚会|音乐会|文艺|培训|合唱|排练|运动会)/u;

const HOSPITAL = /(住了?院|住进.{0,6}医院|(住|送|转|抬|拉)(进|到|入)了?[^的离旁边附近对，,。！!？?\s]{0,6}(医院|[一二三四五六七八九十\d]院|医大|附院|卫生院|病房)|进了医院|送.{0,4}医院|送(去|到|进)?.{0,2}急诊|送医|急诊|救护车|叫了?120|摔了|摔倒|跌倒|骨折|中风|脑梗|心梗|心脏病|犯了病|病了|发烧|身体不行了|住在.{0,6}医院|在医院|做了?手术|ICU|重症|监护室|抢救|病危|病倒|病重)/iu;
/** What the unit does, asked as a rule (单位啥时候来看, 局里几天内来): a policy question even about oneself. */
const UNIT_RULE_QUESTION = /(单位|组织|局里|老干部局|原单位|领导).{0,8}(啥时候|什么时候|何时|几天|几日|多久|多长时间|多少天)|按(照)?规定|有没有(这个|这种|这样的)?(规定|政策|说法)/u;
/** Where someone is lying now (在市一院, 住在中医院): a report, not a rule question. */
const HOSPITAL_PLACE = /(在|住|进了?|送到?).{0,6}(医院|[一二三四五六七八九十\d]院|中医院|医大|附院|卫生院|ICU|病房)/iu;
/** Someone in particular (a report), said as something that happened (not "如果住院了…"). */
const PERSON = /(我|俺|老伴|爱人|老头|老太|父亲|母亲|爸|妈|老人家|老同志|老[李张王刘陈杨赵黄周吴]|他|她)/u;
const HAPPENED = /(昨|前天|今天|今早|刚|现在|正在|已经|了)/u;
const HYPOTHETICAL = /(要是|如果|假如|万一|的话|一旦)/u;
const FEEDBACK_EXPLICIT = new RegExp(
  [
    '投诉|举报|提个?建议|提个?意见|我有个?(建议|意见|想法)|意见很大|不满意',
    '(我|俺|我们|俺们|咱们?)(要|想|得|来|就是想)(跟你们|向你们|给你们)?反映',
    '(什么|啥)(事)?都不(管|问|理|办)|谁都不(管|理)',
    '反映(一下|个|一个)?(问题|情况)|^反映|反映一下[。！!]*$|给你们提',
    '^(我|俺|我们|咱们)?(建议|希望|要求|恳请)',
    '建议(局里|单位|组织|你们|领导|上级|有关部门|咱们|社区)',
    '没人(接|管|理|问)|一直没(人|解决|修|回|消息)',
    '还没(有)?(消息|动静|回音|结果|到账|打钱|拿到|收到|解决|修|回复|发|批|办|送|弄好|办好|下来)',
    '(总是|老是|又|经常|一直|每次).{0,8}(报不上|没反应|打不开|闪退|没人|不来|没来|不修|没修|不管|没管|不回|没回|没消息|没通知|收不到|打不通|接不通|不通|不亮|停|坏|晚|慢|迟|漏|吵)',
    '坏了|漏水|漏了|停水|停电|堵了|不亮|不通|不好使|不干净',
    '(暖气|空调|热水|电梯|路灯|灯|水管|水龙头|马桶|门锁|网络|信号|电视|电话|喇叭|话筒)(片)?(一直|总是|老是|又|也|还|都)?(不|没)(热|暖|暖和|亮|通|动|转|好使|出水|来水|来电|响|制冷)',
    '写错|弄错|搞错|送错|白跑|白等|没有我的名字|没(通知|接到|叫)(到)?我|都没(接到|收到)|报告一下|向组织(报告|反映)|跟组织上?(报告|说)',
    '没(送来|送到|发下来|到账|打钱)|没(发|打|转|到)(到|进)?(卡|账|手)|断了|少发|漏发|多扣|扣错|发错',
    '(好几|几|两|三|半)个?(月|天|星期|礼拜|周|年)(了)?(都|也|还)?没',
    '麻烦(你们)?帮(忙|我)(问问|查查|催催|反映)|帮(忙|我)催',
    '(麻烦|请|劳驾|烦请)(你们)?帮(我|俺)(把|换|开|办|补|查|催|问|修|改|弄|寄|送)',
    '(我|俺)(还|都)?没(有)?(收到|拿到|领到|到账)|别人都.{0,8}(我|俺)(还)?没',
    '算错|少给|少了.{0,6}(块|元|钱)',
    '(请|麻烦)(组织|你们|局里|单位|领导).{0,8}(看看|帮|去|问|管|处理|解决|关心)',
  ].join('|'),
  'u',
);
/** A suggestion phrased as a question: "能不能把字弄大点", "能不能早点开门". */
const SUGGESTION_QUESTION = /(能不能|可不可以|可否|能否)(多|少|把|给|早|晚|提前|增加|改|换|弄|再|安排|组织|开|装|修|配|印|做|调|发|送|延长|缩短)/u;
const BOOKING_WORDS = /(报名|报上|取消|撤|退掉|退了)/u;
const COMPLAINT_STATEMENT = /(太(少|多|差|慢|贵|吵|脏|乱|冷|热|远|高|低|矮|小|窄|挤|难|长|久|晚|暗|滑|陡|硬|响|旧|咸|淡|辣|油|腻|凉|烫|稀)|没(收到|拿到|领到|通知))/u;
const HOPE = /(希望|盼望|请求)/u;

/**
 * Who pays during a stay, asked as a rule (钱要自己先垫不, 押金要交吗, 自费的能报不): a policy question
 * even from someone in hospital. Money trouble (钱不够, 没钱) stays a report.
 */
const MONEY_RULE_ASK = /(垫|自费|押金|(自己|个人|本人)(先)?(出|掏|付|花|承担)|(?<!(不够|没|缺))钱(?!(不够|不够用|紧张))|报(不报|得了)|(能|可以|给|让)报|交不交|付不付)/u;
const MONEY_TROUBLE = /(钱不够|没钱|缺钱|钱紧|拿不出)/u;
/** "我想问问…", "请问…": the person says they are asking, so "能不能换成别的" asks a rule, not for a change. */
const ASKING_PREFIX = /(想问|请问|问一下|问一问|问下|问问|打听(一下|打听)?|咨询(一下)?)/u;
/** Swapping what one receives for something else (能不能换成别的, 可以折成现金吗): what the rules allow. */
const SWAP_BENEFIT = /(换|改|折|兑)(成|为|换成?)(别的|其他|其它|现金|钱|券|卡|鲜花|蛋糕券)|折现|(不爱|不喜欢|不想要|不需要|用不上|吃不了|不能吃).{0,12}(换|改|折)/u;
/**
 * Something at home or in the building out of order, said without 投诉/反映 (我家水管爆了, 电梯还是没修好):
 * someone has to act, so it is feedback (a request for help), not a question for the documents.
 */
const FAULT_THING = '(暖气|供暖|空调|水管|管子|管道|下水道|下水|水龙头|龙头|马桶|厕所|卫生间|热水器|燃气|煤气|天然气|电梯|路灯|楼道灯|灯泡|灯|门锁|锁|防盗门|单元门|门禁|房门|大门|窗户|玻璃|屋顶|房顶|天花板|墙皮|墙|插座|电闸|电路|电线|电表|水表|宽带|网络|电视|冰箱|洗衣机|楼梯|扶手|台阶|井盖)';
const FAULT_STATE = '(爆|裂|碎|破了|塌|冒烟|冒水|返水|渗水|滴水|跳闸|打不着|点不着|不着火|失灵|卡住|困住|掉下来|掉了|脱落|堵|漏|坏|没修|修不好|没弄好|没好|不能用|用不了|打不开|关不上|锁不上|不出水|没水|没电|没气)';
const HOME_FAULT = new RegExp(`${FAULT_THING}[^，,。！!？?；;\\s]{0,6}${FAULT_STATE}|(家里|屋里|家中|楼里|楼上|楼道|小区)(又|也|还)?(停电|停水|停气|没电|没水|没气|进水|淹了|漏水)`, 'u');
/** A cry for help (谁能来帮帮我, 快来人, 帮帮我): someone has to come, not a document to quote. */
const HELP_CRY = /((谁|有没有人|哪位|谁能|谁可以)(能|可以|来)?(来)?帮(帮|一下|个忙|忙|一把)|快来(个)?人|谁(来|能)管管|谁来管一下|帮帮(我|俺|忙)|救救(我|俺))/u;
/** A card or certificate to be reissued or replaced for the person (帮我补办一个, 麻烦给我换个新的). */
const CARD = /(证|卡)/u;
const CARD_HELP = /(帮|替|给)(我|俺)(们)?(把[^，,。]{0,8})?(补办|补一?个|补一?张|补一下|重新办|重办|换一?个|换一?张|换个新|办一?个|办一?张|办一下)/u;
/** The waitlist asked as a rule (报满了还能排候补不, 满了可以候补吗), not "我候补排第几" nor "给我排个候补". */
/** Whether one's opinion or complaint stays secret, or brings trouble: the rules on handling them (保密). */
const PROCESS_SECRECY = /(意见|建议|投诉|反映|举报).{0,12}(别人知道|被人知道|保密|泄露|泄密|报复|穿小鞋|告诉别人|让人知道)/u;
const WAITLIST_RULE = /((能|可以|可不可以|能不能|让不让|允许|准)(排|加|报|登记|列|进)?(个|到|进)?候补|候补.{0,6}(怎么|咋|规定|规则|顺序|多久|几天|什么时候))/u;
const MY_WAITLIST = /((我|俺|咱|本人)(的|是|在|现在|那个)?.{0,2}候补|候补的那个|排到我|排第几|排在第几|转正)/u;
/**
 * Seats of an activity (书法班还有位置吗, 讲座满了没, 掼蛋比赛还能报吗): the list with the seats left,
 * from which the person can book. "给我留一个" / "我想参加" with it is the booking itself.
 */
const AVAILABILITY = /((还有|有没有|还剩|剩下?)(没有)?(空)?(位置|位子|座位|座儿|名额|空位|空额|地方|票)|(满|报满|满员|坐满|人满)了?(没|吗|么|没有|不)|还能去(吗|不|么)|满没满|满不满|(还|也)?能报名?(吗|不|么|没)|还(能|可以)参加(吗|不|么)|还收人)/u;
/** Medical advice (高血压吃啥药好, 糖尿病能吃西瓜吗): a doctor's question, never a document's or small talk. */
const ILLNESS = /([头腰腿胃牙脚膝肩颈背手眼]\s?(疼|痛)|心脏|肠胃|腿脚|腰腿|眼睛|耳鸣|耳背|不舒服|高血压|低血压|血压|糖尿病|血糖|高血脂|血脂|胆固醇|心脏病|冠心病|感冒|发烧|发热|咳嗽|嗓子|头疼|头痛|头晕|失眠|睡不着觉|便秘|拉肚子|腹泻|关节|腰疼|腰痛|腿疼|腿痛|胃疼|胃痛|胃病|痛风|尿酸|骨质疏松|老寒腿|风湿|哮喘|痴呆|白内障|青光眼|前列腺|牙疼|牙痛|过敏|湿疹|痔疮|甲状腺|贫血|肝病|肾病|癌|肿瘤)/u;
const MEDICAL_ASK = /怎么回事|咋回事|什么原因|啥原因|(要不要|用不用|该不该|需不需要)(吃|喝|用|打|服|贴)|(贴|抹|擦|涂)(点)?(啥|什么|哪种)|(吃|喝|用|服)(点)?(啥|什么|哪种|哪个|哪些)(药|东西|好|管用)?|打(啥|什么|哪种)针|(啥|什么|哪种)(药|偏方|保健品)|(能|可以|可不可以|能不能)(吃|喝|用|服|打)|吃.{0,6}(好|行|管用|有用)(吗|不|么|吧)?|怎么(治|办|调理|降|控制|养|缓解)|咋(治|办|调理|降|整)|如何(治|调理|降|控制|缓解)|偏方|保健品|忌口|要紧(吗|不)|严重(吗|不)|是不是.{0,4}(病|癌)/u;
/** Not being able to go (腿脚不好去不了 咋办): a question about attending something, not a medical one. */
const CANT_ATTEND = /(去不了|来不了|参加不了|出不了门|走不动|到不了|出席不了|下不了楼)/u;
/** Money and rules make a health question a policy one (降压药能报销吗, 糖尿病门诊能报多少). */
const HEALTH_RULE_WORDS = /(报销|能报|报不报|给报|报多少|费|钱|补贴|补助|津贴|政策|规定|标准|待遇|医保|门诊|免费|自费|申请|手续|备案|慰问|定点|挂号)/u;
/** Someone in danger now (the feedback skill's emergency reply): never answered as a medical question. */
const DANGER_WORDS = /(喘不上|喘不过|透不过气|上不来气|呼吸困难|胸口|心口|胸痛|胸闷|晕倒|昏倒|晕过去|昏过去|昏迷|叫不醒|喊不醒|中风|脑梗|心梗|脑溢血|脑出血|心脏病(犯|发作)|犯了?心脏病|抽搐|抽风|吐血|出血|起不来|动不了|不能动|说不出话|嘴歪|摔)/u;
const STAY_WORDS = /(住.{0,2}院|医院|急诊|120|ICU|抢救|监护|手术)/iu;
/** Crying and distress (😭😭, [流泪], 心里难受): a word of care and the staff offer, not the menu. */
const DISTRESS_SIGN = /(😭|😢|😥|😰|😿|💔|😞|😔|😟|😣|😖|😫|😩|🥺|😓|☹|🙁|😪|😨|😱|\[(流泪|大哭|难过|委屈|快哭了|心碎|衰|可怜|泪)\])/u;
const DISTRESS_WORDS = /(^(我)?(好|想|要)?哭|呜呜|难过|伤心|想哭|哭了|好哭|心里(不好受|难受|堵得慌|憋屈|空落落)|孤单|孤独|寂寞|没人说话|活着没意思|不想活|想不开|熬不下去|撑不下去)/u;
/** A pleasantry asked as a question (吃了吗, 大家都吃了没, 你好吗): small talk, not a question to answer. */
const PLEASANTRY = /^(大家|你们|您|你|老伙计们|各位)?(都)?(吃(了|饭了|过了)(吗|没|么|没有)|(好|忙)(吗|不忙|么)|最近(好|怎么样|咋样)(吗|啊|呀)?|身体(好|还好)(吗|么))[？?！!。~～\s]*$/u;

const CANCEL = /(取消|退掉|退了|退订|撤销|撤回|撤了|划掉|删掉|(名单|名字).{0,4}(去掉|拿掉|去了)|把(我|俺|老伴|我老伴|俺老伴).{0,12}(去掉|拿掉)|不参加了|不去了|(去|参加|来)不(了|成)|不报了|不要了|不上了|不学了|退课|退班|退出)/u;
/** Only "can't go" (去不了, 不去了, 参加不了): asked as a question (通报会去不了了咋办) it is no cancellation. */
const CANT_GO_ONLY = /^(?:(?!取消|退|撤|划掉|删掉|去掉|拿掉|不报了|不要了|不上了|不学了).)*$/u;
/** An explicit request to cancel, which wins even when a reason (illness) is given. */
const CANCEL_REQUEST = /(帮我|麻烦|请|给我)?.{0,2}(取消|退掉|撤销|退课|退班)(吧|一下|了吧)?[。！!]*$/u;
/** "取消成功了吗": asking about the state of one's booking. */
const BOOKING_STATUS = /(取消|退|报名|报)(成功|好|上|通过)了?(吗|没)/u;
/** "再给我报上": booking again after a cancellation. */
const BOOK_AGAIN = /(再|重新)(给我|帮我|给俺|帮俺)?报/u;
/** "再加一个人", "帮我再加一位", "多报一个": more seats on a booking (the booking skill asks which one). */
const ADD_SEATS = /^(?:那)?(?:再|还)?(?:给|帮)?(?:我|俺)?(?:再|还)?(?:加|添|多报|多加|增加)(?:上)?\s*(?:\d+|[一二两俩三四五])\s*(?:个|位|名)(?:人)?(?:吧|啊|呀)?[。！!~～\s]*$/u;
/** "满了就把我加到候补": asking for the waitlist is a booking. */
const JOIN_WAITLIST = /(加|排|放|列|登记)(到|进|个|在)?.{0,3}(?<!时)候补(?!.{0,3}(第几|几个|几位|吗|没))/u;
const MY_BOOKINGS = new RegExp(
  [
    '我的.{0,4}(报名|预约|活动|讲座|比赛|班|课)',
    '报(名)?(成功|上)(了)?(没|吗)',
    '报的.{0,10}(成了|成功|好了)(吗|没)',
    '我报名的|查.{0,4}(报名|预约)',
    '(报名|预约)(记录|情况|状态)',
    '(?<!时)候补|排到我|排第几|排在第几', // not 什么时候补发
    '(我|俺).{0,4}有没有报',
    '(我|俺|咱).{0,8}(有什么|有啥|有哪些|什么)(活动)?安排',
    '报没报(上|成)|报上没|报着(啥|什么|哪)',
    '(我|俺|咱|我们|俺们|咱们|老两口).{0,4}报(上|了|过)?的.{0,8}(瞅瞅|瞧瞧|看看|列一下|列列|查查|说说|念念)',
    '(我|俺|咱)(是不是|有没有)?.{0,6}有(个|啥|什么|哪些|几个)?(活动|课|讲座|比赛|安排)要(去|参加|上)',
    '^(我|俺|咱)(今天|明天|后天|这周|下周|周末|这个月)?.{0,2}有(什么|啥|几个|哪些)?(活动|安排)(吗|啊|呀|没有|不)?',
  ].join('|'),
  'u',
);
/** "我报的…几点", "我那个书法班报上没有": a question about one's own booking. */
const OWN_BOOKING_QUESTION = /(我|俺|咱|我们|本人|刚才|刚刚|上次|上回|之前|昨天|上周|上个月|前几天|前些天|前两天)(都|已经|之前|上次|那个|这个|和老伴|跟老伴|所)?.{0,8}报(上|了|的|过|成功|名了|健康|讲座)/u;
const BOOK = new RegExp(
  [
    '报名|报个名|报上|报一个|我要报|我想报|还能报|能报吗|报\\s*\\d',
    '(给|帮)(我|俺|咱).{0,8}报',
    '第[一二三四五六七八九十\\d]{1,2}个.{0,4}(我|俺)?(也)?(去|要|参加|报)',
    '报(我|俺)(一个|两个|俩)?',
    '(我|俺)也(去|参加|报)',
    '我要参加|我想参加|想去参加|要去参加|我去参加',
    '给我留|留个?(位|座|名额)|预留|预约|预订|订个|订一个|(要|订)?(一|两|二)?个座位|占个?(位|座)|算我一个|加我一个|算上我',
    `参加.{0,8}${ACTIVITY_NOUN.source}`,
  ].join('|'),
  'u',
);
const LIST_QUESTION = new RegExp(
  [
    '活动表|活动安排|活动列表|活动计划|课程表|日程',
    `(有(什么|啥|哪些|没有)|什么|哪些|啥|几个).{0,12}${ACTIVITY_NOUN.source}`,
    `(办不办|搞不搞|开不开|还有没有|还办|还搞|啥时候开|什么时候(开|办|有)).{0,8}${ACTIVITY_NOUN.source}`,
    `${ACTIVITY_NOUN.source}.{0,4}(啥|什么)时候(有|开|办|举行|举办)`,
    `${ACTIVITY_NOUN.source}.{0,6}(有哪些|有什么|有啥|都有|安排)`,
    '最近.{0,6}(活动|讲座|比赛)|近期.{0,4}活动',
    `${ACTIVITY_NOUN.source}.{0,12}(开|办|有)?(哪些|什么|啥)`,
    `有.{0,6}${ACTIVITY_NOUN.source}(吗|没有|不)`,
  ].join('|'),
  'u',
);
const PICK_WORDS = `(${ACTIVITY_NOUN.source}|掼蛋|象棋|围棋|下棋|打牌|门球|乒乓|太极|书法|绘画|摄影|合唱|舞蹈)`;
const PICK_DATES = '(今天|明天|后天|(这|下)?(周|星期|礼拜)[一二三四五六日天]|\\d{1,2}月\\d{1,2}[日号]?|\\d{1,2}[日号])';
const BARE_PICK = new RegExp(
  `^(.{0,3}${PICK_WORDS}.{0,3}|${PICK_DATES})(的)?(那个|这个|那场|这场|活动)?$`,
  'u',
);
const SELF_ACTION = /(报名|报上|帮我|给我|我要|我想|俺要|俺想)/u;
/** Asking to be signed up (not only mentioning 报名). */
const SELF_ACTION_STRICT = /(帮我|给我|我要|我想|俺要|俺想|帮俺|给俺|替我)/u;
/** "还有哪些活动能报名": asking what is open, not signing up. */
const WHAT_IS_OPEN = /(哪些|什么|啥).{0,8}(能|可以)(报|参加)/u;
/** Paperwork: what to bring, where a card is issued (活动证咋办要带啥, 老年卡在哪办). */
const PAPERWORK = /((能|可以|让)(带|叫上|领)(上)?(老伴|家属|爱人|孩子|朋友|别人|保姆)|要?带(啥|什么|哪些)(东西|材料|证件)?|(证|卡)(咋|怎么|如何|在哪|去哪|到哪)(儿)?(办|领|补|换)|(证|卡)(丢|掉|坏|弄丢|找不着|找不到|不见)了?.{0,4}(补|换|办|咋整|咋办|怎么办|怎么弄|咋弄|怎么整))/u;
/** When or how registration works, asked without signing up (老年大学秋季几号报名). */
const WHEN_TO_REGISTER = /((几号|几月|什么时候|啥时候|哪天|何时)(开始)?报名|报名(从)?(几号|什么时候|啥时候|哪天|何时|截止))/u;
/** The rooms and places of the bureau and its activity centre. */
const PLACES = '(活动中心|活动室|阅文室|阅读室|阅览室|阅报室|棋牌室|图书室|图书馆|书画室|乒乓球室|台球室|健身房|健身室|舞蹈室|排练室|多功能厅|报告厅|门球场|食堂|老年大学|老干部局|老干局)';
/**
 * Where a place is and when it is open are rules (活动中心周末开不开, 阅文室在哪 几点能去, 棋牌室在几楼,
 * 活动中心礼拜天开伐).
 */
const PLACE_HOURS = new RegExp(`${PLACES}.{0,8}(开不开|开门|关门|开放|几点|开[吗么伐没不][\\s？?。!！~]*$)|${PLACES}.{0,3}(在哪|在几楼|几楼|在什么地方|怎么走|咋走|地址)`, 'u');
/** A table, a court or a room of the centre (乒乓球桌, 球台, 棋牌室): what is reserved under the house rules. */
const FACILITY = /(乒乓球?桌|乒乓球?台|球桌|球台|台球桌|台球案|桌子|场地|场子|球场|门球场|活动室|棋牌室|乒乓球室|台球室|书画室|阅览室|多功能厅|报告厅|会议室|排练室|舞蹈室|健身房|房间)/u;
/** How, where or whether such a thing is reserved (怎么预约, 在哪预约, 预约找谁, 能提前几天订, 能预约吗). */
const RESERVE_HOW = /((怎么|咋|如何|怎样|在哪|去哪|到哪|哪里|哪儿|跟谁|找谁|向谁|提前几天|提前多久|几天前|能不能|可不可以|能|可以)(儿)?(能|可以|才能|去|来|提前)?(预约|预订|订|借|登记)|(预约|预订|借用?|登记)[^，,。？?\s]{0,6}(找谁|跟谁|在哪|怎么|咋|如何))/u;
const HANDOFF = new RegExp(
  [
    '转人工|人工服务|人工客服',
    '找(个|一下|一个)?(工作人员|真人|人工|客服|领导|人)',
    '(叫|派|来)(个|一个|位)(人|同志|工作人员)',
    '值班的|真人|跟人(讲|说|聊)|和人(讲|说)|同志(讲|说)|找(小|老)\\p{Script=Han}',
    '(值班|联系|办公室|咨询|服务)电话.{0,4}(多少|给我|发我|告诉|是什么|有没有)|有没有.{0,6}(值班|联系|办公室|咨询|服务)电话|(提供|告诉我|给我|发我).{0,16}(电话|座机|号码)|座机|电话号码(是)?多少',
    '(让|叫|请)(工作人员|你们|人).{0,8}(打电话|联系|回电)|打电话给(他|她)',
    '(让|叫|请).{0,8}(同志|工作人员|值班的?)(来)?(接|回|联系)一下',
    '联系(工作人员|你们|老干部局)',
    '(电话|联系方式|号码)(是)?多少|给我.{0,10}(电话|号码|联系方式)',
    '打电话给(你们|工作人员|我|俺)|给(我|俺)(回|打)(个)?电话',
  ].join('|'),
  'u',
);
const HELP =
  /((回复|数字|菜单|按钮|编号).{0,8}(啥|什么)意思|从头(来|开始)|重新开始|找不着了|弄到哪(了|儿)|(你|助手|小银|机器人)(都|还)?(能|会|可以).{0,4}(干|做|帮|办).{0,3}(什么|啥|哪些)|操作步骤|怎么操作|咋操作|(在这里|这上面|在这上面).{0,4}(怎么|咋)|语音|怎么跟你|咋跟你|怎么说话|(你|助手|小银|机器人)(都|还)?(能|会)(干|做|帮|办)?(点)?(什么|啥|些什么|哪些)|怎么用|咋用|如何使用|使用说明|有(什么|哪些)功能|能帮我(做|干|办)?(什么|啥)|这是什么|你是谁|教教我|不会用)/u;
const SMALLTALK =
  /^(你好|您好|侬好|早上好|早安|上午好|中午好|下午好|晚上好|晚安|谢谢|多谢|感谢|辛苦|再见|拜拜|好的|好嘞|收到|知道了|明白了|嗯+|哦+|哈+|在吗|在不在|祝|hello|hi\b)/iu;
const WISHES = /(快乐|吉祥|安康|如意)[!！。~]*$/u;

/**
 * The date or the time asked (今天星期几, 今天几号, 明天礼拜几啊, 现在几点了): small talk the service clock answers,
 * never a document. A date asked about something else (体检星期几做) is not this.
 */
const DAY_WORD = '(今天|今儿个?|今日|明天|明儿个?|后天|大后天|昨天|昨儿个?|前天)';
/** 星期几, 几号, 几月几号, 什么日子: asked with the day (今天星期几) or as 了 (几号了); bare 几号 may ask about anything. */
const DATE_WORD = '((星期|礼拜|周)几|(几月)?几[号日]|(什么|啥)日子)';
const DATE_ASKED = new RegExp(
  `^(请问|问一下|问下)?(${DAY_WORD}(是)?${DATE_WORD}(了|啊|呀|呢|来着)?|${DATE_WORD}了(啊|呀)?)[\\s？?。!！~～]*$`,
  'u',
);
const TIME_ASKED = /^(请问|问一下|问下)?(现在|这会儿?|眼下)(是)?几点(钟)?(了|啦)?(啊|呀|呢)?[\s？?。!！~～]*$/u;
/** Days from today a date question asks about (明天星期几: 1). */
const DAY_OFFSETS: [RegExp, number][] = [[/大后天/u, 3], [/后天/u, 2], [/明/u, 1], [/前天/u, -2], [/昨/u, -1]];

/**
 * Other people's personal details asked for (请把所有老同志的电话号码发给我, 老同志们的手机号都是多少): the assistant
 * gives none; the staff can pass a message on. The staff's own phone (值班电话多少) is the handoff.
 */
const OTHERS = /(所有|全部|全体|其他|其它|别的|每位|每个|各位)(的)?(老同志|老干部|离退休干部|退休干部|离休干部|老人|人|同志|学员|会员|队员|成员)|别人|旁人|他人|(老同志|老干部|离退休干部|学员|会员|队员|邻居)们?的/u;
const PERSONAL_INFO = /(电话(号码?)?(?!费|补贴)|手机号|号码|联系方式|住址|家庭地址|地址|住在哪|身份证|名单|通讯录|花名册|微信号)/u;
/** Asked for (发给我, 告诉我, 多少, 有没有): not a remark about them (别人的电话打不通). */
const INFO_ASKED = /(发|给|告诉|提供|要|查|列|导出|打印|拿|抄|传)|多少|是什么|有没有|[吗么][\s？?。!！~]*$|[？?]/u;

/** Staff ticket commands (refused by the feedback skill to non-staff and in groups). */
const STAFF_COMMAND = /^\s*((回复|答复|受理|处理中|办理中|关闭|办结|重开|查看|查询|工单)\s*[:：]?\s*FK\d{8}-\d{4,}|(工单|工单列表|待办|待办工单|查看工单)\s*$)/iu;

/**
 * A scam the person asks about: someone (a caller, a text message, a stranger) wants a bank card,
 * password or code, a transfer or a fee for a prize. Answered with a short safety warning.
 */
const SCAM_SOURCE = /(有人|陌生|不认识|自称|冒充|假冒|对方|骗子|(打|来)(了)?(个)?电话.{0,4}(说|让|要|叫|问)|电话里|短信(里|上)?(说|让|要|叫)|微信上?(有人|说|让|要)|(他|她|他们)(说|让|要|叫|问))/u;
const SCAM_BAIT = /(银行卡|卡号|密码|验证码|转账|转钱|转到|汇款|打钱|安全账户|中奖|领奖|手续费|保证金|解冻|刷单|高回报|理财)/u;
const SCAM_PLAIN = /安全账户|冒充|假冒|诈骗(电话|短信)|(是不是|是)(骗子|骗人的?|诈骗)/u;
/** Insults at the staff or the assistant: an apology and an offer to record the complaint, never an echo. */
const ABUSE = /(废物|饭桶|窝囊废|混蛋|王八|笨蛋|蠢货|蠢猪|白痴|傻[子瓜逼]|智障|人渣|败类|狗屁|放屁|他妈的|你妈|去死|滚蛋|滚开|不是东西|不干人事|吃干饭|吃白饭|吃闲饭|白拿工资|尸位素餐|官老爷|垃圾(东西|玩意|助手|机器人|系统|单位|部门)|(你们|你|这帮人?|那帮人?|一帮|一群|简直是?|真是)\s*.{0,3}垃圾)/u;
/** Asking how a matter one reported is going (我提的意见办得怎么样了): the ticket-status lookup. */
const OWN_REPORT = /((我|俺|咱|我们|上次|上回|之前|前几天|前两天|昨天|刚才)(都|已经|之前|上次|前几天)?.{0,4}(提|反映|投诉|报告|报修|报|说|留|登记)(过|了)?的.{0,10}(意见|建议|问题|情况|事|事情|投诉|诉求|困难)|(我|俺)的(工单|投诉|意见|建议|反映)|工单)/u;
const REPORT_PROGRESS = /(进度|进展|怎么样|咋样|如何|结果|回音|回复|答复|下文|处理|办|解决|落实|受理|有(没有)?(人|消息)|到哪)/u;
const REPORT_DELAY = /(还没|一直没|怎么还|咋还|都没|没人)/u;
/** The rules of a service asked as a count or a limit (一学期能报几门, 一年最多报销几次): not a booking. */
const RULE_COUNT = /(?<!还)(能|可以|可|准|让|允许|最多|最少|限)[^，,。？?\s]{0,4}(几|多少)|(一|每)(个)?(学期|年|季度|月|人|次)[^，,。？?\s]{0,6}(几|多少)/u;

/**
 * A rule asked for in so many words (这个有规定吗, 有没有这方面的政策, 规定是怎么说的, 按规定几天内来): a policy
 * question even when the sentence around it tells a grievance (单位一直没来人看过) or a stay in hospital.
 */
const RULE_ASKED = /(有(没有)?(这个|这种|这样的?|这方面的?|相关的?|啥|什么|哪些)?(规定|政策|说法|文件|制度)(吗|没有|没|不|么|呢)?(?![上里中])|(规定|政策|制度|文件)(上|里)?(是)?(怎么|咋|啥|什么|如何)(说|讲|规定|定|写)|(?<!不)按(照)?(规定|政策)|是个?(啥|什么)规定)/u;
/**
 * How long the bureau takes to answer or settle what is raised (多长时间给答复, 几个工作日内办结, 答复有期限吗):
 * the time limit of the rules, not the state of one's own ticket ("我提的意见办得怎么样了").
 */
const ANSWER_TIME_LIMIT = /((多长时间|多久|几天|多少天|几个工作日|多少个?工作日|几日|多少日)(内|之内|以内)?(能|会|才|要|就|给|可以|必须)?.{0,3}(答复|回复|回音|回话|办结|办完|办好|处理完?|办下来|有结果)|(答复|回复|处理|办理|办结)(的)?(时限|期限|时间)(是|有)?(多长|多久|几天|吗|么|没有)?)/u;
/** What one may do when unhappy with how a matter was settled (答复了我不满意咋办, 对处理结果不满意还能再办吗). */
const UNHAPPY_PROCEDURE = /(答复|回复|处理|结果|办理|办的|办得|解决|回访)[^，,。！!？?]{0,6}不满意[^，,。！!？?]{0,4}(咋办|怎么办|咋整|怎么整|怎么弄|咋弄|找谁|能不能|可不可以|可以|还能|能|有没有办法|有啥办法|怎么)/u;
/** Words of a grievance told as such (投诉, 举报): such a sentence stays a report even when it names a rule. */
const GRIEVANCE_WORDS = /(投诉|举报|告状)/u;
/** "我刚才那个住院的报上了没有", "我那个事报上去了吗": whether a reported matter was filed (never an activity). */
const REPORT_FILED = /(住院|意见|建议|投诉|问题|事情|事|情况|困难|报告)(的)?(那个|那件|这个|这件)?(事|事情|报告)?(已经)?(报|交|提交|递|登记)(上去|上|进去)?了?(没有|没|吗|么)/u;
/**
 * A rule of a place or a service asked about its use (打乒乓球要不要预约, 活动室用不用登记, 能打多久, 每次能借几天):
 * the house rules, not a booking (a booking is asked for: "帮我预约", "我想报名打乒乓球").
 */
const USE_RULE = /((要不要|需不需要|用不用|得不得|是不是(要|得))(提前|事先|先)?(预约|预订|登记|报名|办证|刷卡)|(需要|必须|要|得|用)(提前|事先|先)?(预约|预订|登记|办证|刷卡)(吗|不|么|没有?)|(能|可以|可)(打|玩|下|用|待|练|唱|跳|借)(多久|多长时间|几个?小时|几个钟头|多少时间|几天)|(每次|一次)(能|可以|可|最多)?(打|玩|下|用|待|练|借)?(多久|多长时间|几个?小时|几个钟头))/u;
const ASKS_FOR_ME = /(帮|给|替)(我|俺)/u;
/**
 * A follow-up said on its own (那我老伴是离休的呢, 那我八十一岁呢, 我有糖尿病呢, 要是在外地呢): it asks on about a
 * question just answered. Outside the policy answer's follow-up window it is still a question, never a report.
 */
const FOLLOW_UP_ASK = /^(那|那么|那要是|那如果|那假如|要是|如果|假如)[^，,。！!]{0,16}呢[\s？?。!！~～]*$|^(我|俺|他|她|老伴|爱人|老头子?|老太太?)(是|也是|有|得了|患了?|才|都|已经|今年|还没|不到|超过|满)[^，,。！!]{0,12}呢[\s？?。!！~～]*$/u;

/** The first rule that matches, or null. Order matters: specific before general. */
/** Staff commands for activities ("新增活动 …", "活动管理"): the activity skill checks who is asking. */
const STAFF_ACTIVITY = /^(新增活动|添加活动|发布活动|增加活动|活动管理|管理活动)/u;

export function matchRules(text: string): RuleHit | null {
  if (STAFF_ACTIVITY.test(text)) return hit('activity_list', 0.95, 'staff_activity');
  // "更多" with no answer to continue: show the menu rather than guess.
  if (/^(更多|全文|看全文|下一页|继续)[。！!]?$/u.test(text)) return hit('help', 0.9, 'more_without_answer');
  // Staff ticket commands ("回复 FK20261127-0007 …", "工单"): the feedback skill runs or refuses them.
  if (STAFF_COMMAND.test(text)) return hit('feedback', 1, 'staff_command', { staffCommand: true });
  if (DATE_ASKED.test(text) || TIME_ASKED.test(text)) {
    const day = DAY_OFFSETS.find(([re]) => re.test(text))?.[1] ?? 0;
    return hit('smalltalk', 0.9, 'date', { talk: TIME_ASKED.test(text) ? 'time' : 'date', day });
  }
  if (OTHERS.test(text) && PERSONAL_INFO.test(text) && INFO_ASKED.test(text) && !ACTIVITY_NOUN.test(text)) return hit('smalltalk', 0.9, 'privacy', { talk: 'privacy' });
  if (!ACTIVITY_NOUN.test(text) && ((SCAM_SOURCE.test(text) && SCAM_BAIT.test(text)) || SCAM_PLAIN.test(text))) return hit('smalltalk', 0.9, 'scam', { talk: 'scam' });
  // 我喘不上气了, 老伴晕倒了 咋办: someone in danger now gets the emergency reply (120, family, staff), never a search
  if (dangerNow(text)) return hit('feedback', 0.95, 'emergency', { category: 'hospitalization' });
  const question = QUESTION.test(text);
  const policyQuestion = question && POLICY_WORDS.test(text);
  if (CANCEL_REQUEST.test(text) && ACTIVITY_NOUN.test(text)) return hit('activity_cancel', 0.9, 'cancel_request', /全部|所有|都/.test(text) ? { all: true } : undefined);
  // 这个有规定吗, 多长时间给答复, 答复了不满意咋办: the rule is asked for, whatever the sentence tells around it
  if (question && !GRIEVANCE_WORDS.test(text) && (RULE_ASKED.test(text) || ANSWER_TIME_LIMIT.test(text) || UNHAPPY_PROCEDURE.test(text))) {
    return hit('policy_query', 0.85, 'rule_asked');
  }
  // 我刚才那个住院的报上了没有: whether the matter was filed (a parked report is shown with its "1 提交")
  if (REPORT_FILED.test(text) && !ACTIVITY_NOUN.test(text)) return hit('feedback', 0.9, 'ticket_status', { ticketStatus: true });
  // a report is about someone: "离休干部住院报销" (no one, a rule word) is a policy question said without 吗
  if (OWN_REPORT.test(text) && REPORT_PROGRESS.test(text) && (question || /(进度|进展)/u.test(text)) && !REPORT_DELAY.test(text)) {
    return hit('feedback', 0.9, 'ticket_status', { ticketStatus: true });
  }
  // 单位啥时候来看俺 (no hospital named): the visiting rule, asked about oneself
  const ruleAboutUnit = question && UNIT_RULE_QUESTION.test(text) && !HOSPITAL_PLACE.test(text);
  // 高血压吃啥药好, 糖尿病能吃西瓜吗: a doctor's question (发烧 is no hospital stay)
  if (question && ILLNESS.test(text) && MEDICAL_ASK.test(text) && !HEALTH_RULE_WORDS.test(text) && !STAY_WORDS.test(text) && !DANGER_WORDS.test(text) && !ACTIVITY_NOUN.test(text) && !CANT_ATTEND.test(text)) {
    return hit('smalltalk', 0.85, 'medical', { talk: 'medical' });
  }
  // 住院了钱要自己先垫不: who pays during a stay is a rule, asked by the person in hospital too
  const stayRule = question && HOSPITAL.test(text) && MONEY_RULE_ASK.test(text) && !MONEY_TROUBLE.test(text);
  // "我想问一下离休干部住院的事情": asking about hospital stays, nobody is in hospital
  const asksAbout = (ASKING_PREFIX.test(text) || /想了解|了解一下/u.test(text)) && !HAPPENED.test(text.replace(/了解/gu, ''));
  const hospitalReport =
    HOSPITAL.test(text) &&
    !HYPOTHETICAL.test(text) &&
    !stayRule &&
    !asksAbout &&
    (question ? PERSON.test(text) && HAPPENED.test(text) && !POLICY_WORDS.test(text) && !ruleAboutUnit : PERSON.test(text) || !POLICY_WORDS.test(text));
  if (hospitalReport) return hit('feedback', 0.95, 'hospital', { category: 'hospitalization' });
  if (stayRule) return hit('policy_query', 0.85, 'stay_rule');
  if (ABUSE.test(text)) return hit('feedback', 0.9, 'abuse', { angry: true });
  // "我的意见会不会被别人知道", "投诉了会不会被打击报复": how a complaint is handled is a rule (保密), not a complaint
  if (question && PROCESS_SECRECY.test(text)) return hit('policy_query', 0.85, 'feedback_secrecy');
  if (FEEDBACK_EXPLICIT.test(text)) return hit('feedback', 0.9, 'feedback');
  // 电梯还是没修好, 我家水管爆了…谁能来帮帮我, 老年证丢了 帮我补办一个: someone has to act
  if (HOME_FAULT.test(text) && !policyQuestion) {
    return hit('feedback', 0.85, 'home_fault', { category: /(还是|还|一直|总是|老是|又)(没|不)/u.test(text) ? 'complaint' : 'help_request' });
  }
  if ((HELP_CRY.test(text) && !ACTIVITY_NOUN.test(text) && !BOOKING_WORDS.test(text) && !policyQuestion && !HELP.test(text) && !HANDOFF.test(text)) || (CARD.test(text) && CARD_HELP.test(text))) {
    return hit('feedback', 0.85, 'help_request', { category: 'help_request' });
  }
  if ((!question && (COMPLAINT_STATEMENT.test(text) || HOPE.test(text))) || (COMPLAINT_STATEMENT.test(text) && !POLICY_WORDS.test(text))) return hit('feedback', 0.85, 'complaint');
  if (SUGGESTION_QUESTION.test(text) && !POLICY_WORDS.test(text) && !BOOKING_WORDS.test(text)) {
    // "我想问问…能不能换成别的": a rule about what one receives, not a suggestion to the bureau
    const asksRule = SWAP_BENEFIT.test(text) || (ASKING_PREFIX.test(text) && !/把/u.test(text));
    return asksRule && question ? hit('policy_query', 0.8, 'swap_rule') : hit('feedback', 0.8, 'suggestion_question');
  }
  // 报满了还能排候补不: how the waitlist works, not joining it nor one's own place on it
  if (question && WAITLIST_RULE.test(text) && !MY_WAITLIST.test(text) && !SELF_ACTION_STRICT.test(text)) return hit('policy_query', 0.8, 'waitlist_rule');
  if (BOOKING_STATUS.test(text)) return hit('my_bookings', 0.9, 'booking_status');
  if (BOOK_AGAIN.test(text) || JOIN_WAITLIST.test(text)) return hit('activity_book', 0.85, 'book_again');
  if (ADD_SEATS.test(text)) return hit('activity_book', 0.85, 'add_seats');
  if (CANCEL.test(text) && !policyQuestion && !(question && CANT_GO_ONLY.test(text))) return hit('activity_cancel', 0.9, 'cancel', /全部|所有|都/.test(text) ? { all: true } : undefined);
  if (MY_BOOKINGS.test(text) || (OWN_BOOKING_QUESTION.test(text) && (question || /(确认|查|看)一下/u.test(text)))) return hit('my_bookings', 0.9, 'my_bookings');
  if (HANDOFF.test(text)) return hit('human_handoff', 0.9, 'handoff');
  if (HELP.test(text)) return hit('help', 0.9, 'help');
  if (PLEASANTRY.test(text)) return hit('smalltalk', 0.9, 'pleasantry');
  if (!question && DISTRESS_WORDS.test(text) && !ACTIVITY_NOUN.test(text) && [...text].length <= 30) return hit('smalltalk', 0.85, 'distress', { talk: 'distress' });
  if ((SMALLTALK.test(text) || WISHES.test(text)) && [...text].length <= 16) return hit('smalltalk', 0.9, 'smalltalk');
  if (policyQuestion || PLACE_HOURS.test(text) || (question && (PAPERWORK.test(text) || (USE_RULE.test(text) && !ASKS_FOR_ME.test(text))))) return hit('policy_query', 0.85, 'policy_question');
  // 乒乓球桌怎么预约: reserving a table or a room of the centre is a house rule, not an activity sign-up
  if (question && FACILITY.test(text) && RESERVE_HOW.test(text) && !SELF_ACTION_STRICT.test(text)) return hit('policy_query', 0.85, 'facility_rule');
  // "一学期能报几门课", "一年能参加几次": how many the rules allow, even with 报 in it
  if (question && RULE_COUNT.test(text) && !SELF_ACTION_STRICT.test(text)) return hit('policy_query', 0.8, 'rule_count');
  // a short topic with a rule word and no one in it ("离休干部住院报销", "体检标准"): what the rule is
  if (!question && POLICY_WORDS.test(text) && !PERSON.test(text) && !BOOKING_WORDS.test(text) && [...text].length <= 16) return hit('policy_query', 0.7, 'policy_topic');
  if (question && WHEN_TO_REGISTER.test(text) && !SELF_ACTION_STRICT.test(text)) return hit('policy_query', 0.8, 'when_to_register');
  // 下周三的书法班还有位置吗: the list with the seats left (booking is one reply away)
  if (question && AVAILABILITY.test(text) && (mentionsActivity(text) || new RegExp(PICK_DATES, 'u').test(text)) && !SELF_ACTION_STRICT.test(text)) {
    return hit('activity_list', 0.85, 'availability');
  }
  if (LIST_QUESTION.test(text) && (!SELF_ACTION.test(text) || WHAT_IS_OPEN.test(text))) return hit('activity_list', 0.85, 'list');
  if (BOOK.test(text)) return hit('activity_book', 0.85, 'book');
  // A bare activity name or date ("掼蛋", "12月9号的", "下棋那个"): pick it out to book;
  // the booking skill finds the candidates and asks before writing anything.
  if (BARE_PICK.test(text) && !question) return hit('activity_book', 0.7, 'bare_pick');
  if (FOLLOW_UP_ASK.test(text)) return hit('policy_query', 0.6, 'follow_up');
  return null;
}

function hit(intent: KnownIntent, confidence: number, rule: string, slots?: Slots): RuleHit {
  return { intent, confidence, rule, ...(slots ? { slots } : {}) };
}

/** True when the text names an activity or a kind of one (讲座, 象棋, 书法班). */
export function mentionsActivity(text: string): boolean {
  return new RegExp(PICK_WORDS, 'u').test(text);
}

/** True when the text is only crying or distress signs (😭😭, [流泪]) and punctuation. */
export function isDistressSign(text: string): boolean {
  if (!DISTRESS_SIGN.test(text)) return false;
  const rest = text.replace(new RegExp(DISTRESS_SIGN.source, 'gu'), '');
  return !/[\p{L}\p{N}]/u.test(rest);
}

/**
 * True when the text reads as a question. A message without Chinese is none the assistant can read: an
 * English sentence right after an answer ("How much is the hospital visit allowance?") is no follow-up to
 * search with the question before it, and gets the Chinese-only reply from the router.
 */
export function isQuestion(text: string): boolean {
  return !isForeignOnly(text) && QUESTION.test(text);
}

/** Letters but no Chinese: a message in English (or another language written in Latin letters). */
export function isForeignOnly(text: string): boolean {
  const rest = text.replace(/FK\d{8}-\d+/giu, ' ');
  return !/\p{Script=Han}/u.test(rest) && (rest.match(/\p{Script=Latin}/gu) ?? []).length >= 3;
}
