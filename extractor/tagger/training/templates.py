"""Phrasings of the facts and items of a report, written for the paraphrase generator.

Each template is one sentence. `⟦type:…⟧` marks a labelled span: `type` is a fact type of the
catalog, or PROBLEM/MEASURE; the generator checks them. Slots in braces are filled at random:
{n} {m} the counts, {small} a small count (also written in Chinese numerals), {year} the report's
year, {org} how the body names itself (我镇, 本机关…), {area} its area (全镇, 全区…), {chan} a
channel, {k} a number of accounts, {pct} a percentage, {topic} a subject of disclosure.

The phrasings come from the annotation guide's examples, from the way township, county, city and
department reports of 2008–2024 word these facts, and from deliberate near misses (per-category
counts, meetings that are not trainings, table outcomes) that must stay unlabelled.
"""
from __future__ import annotations

FACT_SENTENCES: dict[str, list[str]] = {
    "info_published_total": [
        "{year}年，{org}⟦info_published_total:共主动公开政府信息{n}条⟧",
        "⟦info_published_total:全年累计发布信息{n}条⟧",
        "⟦info_published_total:累计主动公开信息{n}条⟧",
        "⟦info_published_total:{year}年度共公开各类信息{n}条⟧",
        "⟦info_published_total:全年共发布政府信息{n}条⟧",
        "⟦info_published_total:主动公开政府信息共计{n}条⟧",
        "⟦info_published_total:通过各类渠道公开信息{n}余条⟧",
        "⟦info_published_total:{area}一共公开信息{n}条⟧",
        "⟦info_published_total:累计发布了各类政府信息达{n}条⟧",
        "⟦info_published_total:主动公开政府信息总量达{n}条⟧",
        "⟦info_published_total:本年度主动公开政府信息{n}条⟧",
        "⟦info_published_total:{year}年{area}主动公开政府信息{n}条⟧",
        "{org}⟦info_published_total:全年主动公开政府信息{n}条⟧，同比增长{pct}%",
        "⟦info_published_total:全年共公开各类政务信息{n}条⟧",
        "⟦info_published_total:共计公开信息{n}条⟧",
        "截至{year}年12月31日，{org}⟦info_published_total:累计主动公开政府信息{n}条⟧",
        "⟦info_published_total:全年主动公开信息总数{n}条⟧",
        "⟦info_published_total:通过多种渠道累计公开各类信息{n}条⟧",
        "⟦info_published_total:主动公开政府信息数量为{n}条⟧",
        "⟦info_published_total:本年共主动公开政府信息{n}余条⟧",
        "{org}在信息公开方面，⟦info_published_total:全年发布各类政府信息{n}条⟧",
    ],
    "info_published_channel": [
        "⟦info_published_channel:通过{chan}公开{n}条⟧",
        "⟦info_published_channel:在{chan}上共公开信息{n}条⟧",
        "⟦info_published_channel:{chan}发布信息{n}条⟧",
        "⟦info_published_channel:通过{chan}公开{topic}等信息共计{n}条⟧",
        "⟦info_published_channel:{chan}共编发文章{n}篇⟧",
        "⟦info_published_channel:{chan}全年累计发布信息{n}条⟧",
        "⟦info_published_channel:利用{chan}发布信息{n}条⟧",
        "⟦info_published_channel:{chan}{k}个，共发布信息{n}条⟧",
        "⟦info_published_channel:{chan}公开{n}条⟧",
        "⟦info_published_channel:依托{chan}主动公开各类政府信息{n}余条⟧",
        "⟦info_published_channel:{chan}全年更新信息{n}条⟧",
        "{org}⟦info_published_channel:通过{chan}当年发布政府信息{n}件⟧",
        "⟦info_published_channel:在{chan}发布{topic}等信息{n}条⟧",
    ],
    "policy_interpretations": [
        "⟦policy_interpretations:发布政策解读{n}篇⟧",
        "⟦policy_interpretations:政策解读{n}件⟧",
        "⟦policy_interpretations:解读类信息发布{n}条⟧",
        "⟦policy_interpretations:制作政策解读{n}个⟧",
        "⟦policy_interpretations:全年发布政策解读{n}篇⟧",
        "⟦policy_interpretations:发布图解、视频等多种形式的政策解读{n}篇⟧",
        "⟦policy_interpretations:撰写政策解读稿{n}篇⟧",
        "⟦policy_interpretations:对{n}件重要政策文件进行了解读⟧",
        "⟦policy_interpretations:发布政策解读共{n}件⟧",
        "⟦policy_interpretations:开展政策解读{small}次⟧",
        "⟦policy_interpretations:通过文字、图片等形式制作政策解读{n}个⟧",
    ],
    "press_conferences": [
        "⟦press_conferences:召开了{small}场新闻发布会⟧",
        "⟦press_conferences:新闻发布会{small}场⟧",
        "⟦press_conferences:举办新闻发布会{small}次⟧",
        "⟦press_conferences:组织召开新闻发布会{small}场⟧",
        "⟦press_conferences:召开{small}次新闻发布会⟧",
        "⟦press_conferences:举行新闻发布会{small}场⟧",
        "组织召开了“{topic}”等⟦press_conferences:新闻发布会{small}场⟧",
        "⟦press_conferences:全年共召开新闻发布会{small}场⟧",
    ],
    "trainings": [
        "⟦trainings:开展各类信息公开培训{small}场⟧",
        "⟦trainings:组织政务公开业务培训{small}次⟧",
        "⟦trainings:举办政府信息公开培训班{small}期⟧",
        "⟦trainings:开展政务公开专题培训{small}次⟧",
        "⟦trainings:组织开展信息公开培训{small}场⟧",
        "⟦trainings:全年共举办政务公开培训{small}期⟧",
        "⟦trainings:开展政府信息公开工作培训{small}次⟧，培训{m}人次",
        "⟦trainings:举办{small}期政务公开专题培训班⟧",
    ],
    "applications_received": [
        "⟦applications_received:共受理政府信息公开申请{n}件⟧",
        "⟦applications_received:全年收到政府信息公开申请{n}件⟧",
        "⟦applications_received:本年度新收政府信息公开申请{n}件⟧",
        "⟦applications_received:共收到依申请公开{n}件⟧",
        "⟦applications_received:受理依申请公开事项{n}件⟧",
        "⟦applications_received:收到信息公开申请{n}件⟧",
        "⟦applications_received:{year}年未收到有关政府信息公开申请⟧",
        "⟦applications_received:未收到政府信息公开申请⟧",
        "⟦applications_received:全年共收到公民、法人和其他组织提出的政府信息公开申请{n}件⟧",
        "⟦applications_received:共受理依申请公开政府信息{n}件⟧",
        "{org}⟦applications_received:全年新收政府信息公开申请{n}件⟧",
        "⟦applications_received:没有收到依申请公开的申请⟧",
    ],
    "npc_cppcc_handled": [
        "⟦npc_cppcc_handled:办理人大建议{n}件⟧",
        "⟦npc_cppcc_handled:承办政协提案{n}件⟧",
        "⟦npc_cppcc_handled:主办人大代表建议{n}件⟧",
        "⟦npc_cppcc_handled:办理人大代表建议{n}件⟧、⟦npc_cppcc_handled:政协委员提案{m}件⟧",
        "⟦npc_cppcc_handled:主合办人大代表建议{n}件⟧，⟦npc_cppcc_handled:主合办政协提案{m}件⟧",
        "⟦npc_cppcc_handled:全年共办理政协提案{n}件⟧",
        "⟦npc_cppcc_handled:承办市人大代表建议{n}件⟧，办结率100%",
    ],
}

# Sentences that must stay unlabelled although they look like facts.
NEAR_MISSES: list[str] = [
    "其中政策文件{n}条，工作动态{m}条，财政信息{small}条",
    "其中包括政策文件{n}条，工作动态{m}条",
    "公开{topic}信息{n}条",
    "发布人事信息{n}条，财政预决算信息{m}条",
    "召开政务公开工作会议{small}次",
    "召开专题会议{small}次，研究部署政务公开工作",
    "办理群众来信来访{n}件",
    "接听政务服务热线电话{n}个",
    "开展督查{small}次",
    "上年结转政府信息公开申请{small}件",
    "予以公开{n}件，部分公开{small}件，不予公开{small}件",
    "结转下年度继续办理{small}件",
    "因政府信息公开申请引发行政复议{small}件、行政诉讼{small}件",
    "未发生因政府信息公开引起的行政复议、行政诉讼",
    "行政处罚{n}件，行政许可{m}件",
    "全年未收取政府信息公开处理费",
    "累计观看量{n}次，点赞量{m}次",
    "培训工作人员{m}人次",
    "新增公开规范性文件{small}件",
    "制作《{org}公报》{small}期",
    "更新政府信息公开指南{small}次",
    "联系电话：0{k}-{n}{m}",
    "本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止",
    "共有{k}个部门参与政务公开考核",
]

# Sentences without numbers that fill an overview paragraph.
FILLERS: list[str] = [
    "{org}高度重视政府信息公开工作，严格落实《条例》各项规定",
    "坚持以公开为常态、不公开为例外，不断提升政务公开工作水平",
    "进一步健全完善政府信息公开工作机制，明确专人负责信息发布",
    "围绕{topic}等重点领域，加大主动公开力度",
    "严格落实信息发布保密审查制度，确保公开信息准确、及时",
    "积极回应社会关切，及时做好政策解读和舆情回应工作",
    "按照“谁主管、谁负责”的原则，细化工作责任",
    "持续优化政府信息公开专栏，规范公开目录",
    "认真做好依申请公开工作，依法依规答复申请人",
    "加强政务新媒体管理，提升信息发布质量",
    "将政务公开工作纳入年度绩效考核，强化监督检查",
    "结合工作实际，制定年度政务公开工作要点",
    "不断拓宽公开渠道，方便群众获取政府信息",
    "进一步规范政府信息公开申请的受理、审查、处理和答复流程",
]

TOPICS = ["财政预决算", "重大建设项目", "公共资源配置", "社会救助", "乡村振兴", "安全生产", "征地拆迁",
          "教育卫生", "政策文件、工作动态", "人事任免", "优化营商环境", "疫情防控", "环境保护", "就业创业"]

CHANNELS = ["政府门户网站", "县政府网站", "政府信息公开网站", "部门网站", "门户网站", "镇政府网站", "区政府网站",
            "政府网站信息公开专栏", "微信公众号", "“{org_short}发布”微信公众号", "政务微博", "官方微博", "微博",
            "视频号", "抖音号", "政务新媒体", "政务公开栏", "村务公开栏", "公示栏", "政府公报", "报刊", "电视台",
            "广播电视", "新闻媒体", "其他方式", "其他渠道"]

ORGS = ["我镇", "我乡", "我区", "我县", "我市", "我局", "本机关", "我委", "镇政府", "区政府办公室", "县人民政府",
        "市科委", "我街道"]
AREAS = ["全镇", "全乡", "全区", "全县", "全市", "全街道", "全局"]

# Problems and measures are composed from a subject and a predicate, with an optional second
# clause; the dev reports' items of the training split are mixed in by the generator.
PROBLEM_SUBJECTS = ["政策解读质量", "信息公开形式", "公开内容的深度和广度", "政务公开队伍建设", "网站日常维护",
                    "依申请公开答复质量", "工作人员业务水平", "信息更新的及时性", "公众参与度", "政务新媒体管理",
                    "政府信息公开目录编制", "基层政务公开标准化规范化建设", "重点领域信息公开", "信息发布审核机制",
                    "公开平台建设", "主动公开的全面性", "政策文件的解读回应", "公开专栏的规范化"]
PROBLEM_PREDICATES = ["有待进一步加强", "还不够丰富", "仍需提升", "不够全面", "不够及时", "有待提高", "还存在短板",
                      "需进一步规范", "与群众期盼仍有差距", "还不够深入", "较为薄弱", "还不够完善"]
PROBLEM_CLAUSES = ["个别单位存在人员配备不足、兼职多、流动性过快的问题", "形式较为单一", "便民性有待进一步提高",
                   "信息更新较滞后", "对条例的学习理解还不够透彻", "工作人员业务不够熟练", "公众关注度不高",
                   "部分信息公开不够及时"]
MEASURE_VERBS = ["加强", "强化", "提升", "完善", "深化", "推进", "规范", "拓展", "健全", "优化"]
MEASURE_OBJECTS = ["政策解读工作", "政务公开队伍建设", "公开平台建设", "主动公开内容", "信息公开工作机制",
                   "业务培训", "监督考核", "依申请公开办理", "政务新媒体管理", "公开专栏建设", "信息发布审核"]
MEASURE_CLAUSES = ["定期组织业务培训，全面提升工作人员业务能力", "确保政府信息公开工作制度化、规范化",
                   "及时发布更新政府信息", "提高政策解读的针对性和通俗化", "灵活运用多种渠道，丰富公开形式",
                   "建立健全工作机制，层层落实目标责任", "进一步扩大公开范围，保障群众知情权",
                   "加强对公开内容的审核把关"]

SECTION5_HEADINGS = ["五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况",
                     "五、存在的主要问题和改进措施", "四、存在的不足和改进措施", "五、存在问题及下一步打算",
                     "## 五、存在的主要问题及改进情况", "六、存在的主要问题及改进情况", "五、工作中存在的问题和改进措施"]
PROBLEM_INTROS = ["{year}年，{org}政府信息公开工作取得了一定成效，但也存在一些不足：",
                  "对照上级要求和群众期盼，仍存在以下问题：", "存在的主要问题：", "（一）存在的主要问题",
                  "主要问题：", "工作中还存在一些问题和不足，主要表现在：", "当前工作中还存在以下不足："]
MEASURE_INTROS = ["下一步，{org}将从以下几个方面加强改进：", "改进措施：", "针对上述问题，{org}将：",
                  "（二）改进情况", "{next_year}年，{org}将重点做好以下工作：", "下一步工作打算：",
                  "针对存在的问题，{org}采取以下措施："]
OVERVIEW_HEADINGS = ["一、总体情况", "一、概述", "一、总体情况\n（一）主动公开情况", "## 一、总体情况",
                     "一、政府信息公开工作概述"]
LEGACY_SECTIONS = ["二、主动公开政府信息情况", "三、政府信息依申请公开办理情况",
                   "四、因政府信息公开申请行政复议、提起行政诉讼的情况", "五、政府信息公开的收费及减免情况"]
CLOSINGS = ["六、其他需要报告的事项\n{org}无其他需要报告的事项。", "六、其他需要报告的事项\n无。",
            "六、其他需要报告的事项\n本年度未收取信息处理费。", ""]
