"""Initiatives: quoted names with head words, verb-led names, projects, rhetoric left out."""

from __future__ import annotations

import json

import pytest

from kg.evaluate import dice
from kg.extract.initiatives import extract_initiatives
from kg.model import Document, Sentence
from kg.segment import segment

from conftest import DEV, SAMPLE, SAMPLE_GOLD


def _found(text: str) -> list[tuple[str, str | None]]:
    return [(m.name, m.subtype) for m in extract_initiatives(Sentence.of(text))]


def test_quoted_name_before_a_head_word() -> None:
    assert _found("巩固深化“万所联万会”机制") == [("万所联万会", "mechanism")]
    assert _found("首创“1+4+7”法治建设考评模式") == [("1+4+7", "model")]


def test_run_of_quotes_before_a_head_word() -> None:
    got = _found("组织开展“涉法涉诉积案集中清理”“陇原风暴”、涉企“挂案”清理等专项行动")
    assert [n for n, _ in got] == ["涉法涉诉积案集中清理", "陇原风暴"]


def test_quoted_rhetoric_is_not_an_initiative() -> None:
    text = "考评内容突破“一刀切”，打通复议为民“最后一公里”，敢于“亮剑”，“同步同频”，提出“六个明显”工作目标"
    assert _found(text) == []


def test_quoted_word_that_modifies_the_name() -> None:
    assert _found("打造全国首家“二维码”一键举报平台") == [("一键举报平台", "platform")]


def test_verb_led_names_and_lists() -> None:
    assert _found("全省扎实开展道路交通安全和运输执法领域突出问题专项整治，") == [
        ("道路交通安全和运输执法领域突出问题专项整治", "campaign")
    ]
    assert _found("率先建立政府规章动态清理机制。") == [("政府规章动态清理机制", "mechanism")]
    got = _found("开展营商环境专题讲座、百场法治大宣讲等活动6.3万余场")
    assert got == [("百场法治大宣讲", "campaign")]
    # a description with 的 is not a name
    assert _found("搭建起高校之间的交流平台") == []


def test_projects_railways_and_known_programmes() -> None:
    got = [n for n, _ in _found("兰张三四线铁路中武段、银兰高铁中兰段、酒额铁路等建成投运。")]
    assert got == ["兰张三四线铁路中武段", "银兰高铁中兰段", "酒额铁路"]
    assert ("陇电入鲁工程", "project") in _found("，陇电入鲁工程建成投运")
    assert [n for n, _ in _found("乡村振兴战略全面实施")] == ["乡村振兴战略"]


def test_offsets_point_at_the_name() -> None:
    s = Sentence.of("巩固深化“万所联万会”机制", start=50)
    (m,) = extract_initiatives(s)
    assert (m.start, m.end, m.text) == (55, 60, "万所联万会")


def _f1(text: str, gold: list[dict]) -> float:
    seg = segment(Document(id="x", text=text))
    names = sorted({m.name for s in seg.sentences for m in extract_initiatives(s)})
    golds = [g["name"] for g in gold]
    tp, used = 0, set()
    for n in names:
        best = max(((dice(n, g), j) for j, g in enumerate(golds) if j not in used), default=(0, -1))
        if best[0] >= 0.6:
            tp += 1
            used.add(best[1])
    p, r = tp / max(len(names), 1), tp / max(len(golds), 1)
    return 2 * p * r / (p + r) if p + r else 0.0


def test_sample_and_dev_quality() -> None:
    gold = json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))["initiatives"]
    assert _f1(SAMPLE.read_text(encoding="utf-8"), gold) >= 0.85
    for stem in ("gansu-gwr-2026-excerpt", "national-gwr-2023-excerpt"):
        gold = json.loads((DEV / f"{stem}.gold.json").read_text(encoding="utf-8"))["initiatives"]
        assert _f1((DEV / f"{stem}.txt").read_text(encoding="utf-8"), gold) >= 0.8


def test_short_quoted_name_with_a_short_descriptor_is_the_name() -> None:
    assert _found("开展“蓝盾”护企行动和“春风”行动") == [("蓝盾", "campaign"), ("春风", "campaign")]
    assert _found("打造“陇法通”服务平台。") == [("陇法通", "platform")]


def test_numbered_formula_is_a_name() -> None:
    assert _found("以链长制推动“14+1”重点产业链提质升级") == [("链长制", "mechanism"), ("14+1", "other")]


def test_bare_quoted_coinage_after_a_verb_or_before_a_carrier_is_a_name() -> None:
    assert _found("推广数智化“链式改造”，推动工业互联网") == [("链式改造", "other")]
    assert [n for n, _ in _found("用好国家“两重”“两新”政策资金")] == ["两重", "两新"]
    assert _found("省市联动发放“蜀里安逸”消费券超7亿元") == [("蜀里安逸", "campaign")]
    got = [n for n, _ in _found("打造“新十二月市”“少必入川”“蓉城囍事”等文旅消费品牌")]
    assert got == ["新十二月市", "少必入川", "蓉城囍事"]


def test_bare_quoted_honours_periods_and_formulas_are_not_names() -> None:
    text = "成功培育首家“灯塔工厂”，首次实现“双过万”，锂电池“新三样”出口，推进“十四五”，增强“四个意识”、坚定“四个自信”"
    assert _found(text) == []
    assert _found("统筹推进“五位一体”总体布局、协调推进“四个全面”战略布局") == []


def test_numbered_events_and_city_games() -> None:
    assert _found("办好第十四届中国艺术节。") == [("第十四届中国艺术节", "activity")]
    assert _found("成功举办第二届“一带一路”科技交流大会。")[0] == ("第二届“一带一路”科技交流大会", "activity")
    assert _found("精心筹办成都世运会，") == [("成都世运会", "activity")]
    # a people's congress is an agency's session, not an event
    assert _found("第十四届全国人民代表大会第三次会议") == []


def test_named_funds_start_with_a_place_or_the_state() -> None:
    got = _found("成功落地国家科创协同发展母基金、国家创业投资S基金、四川社保科创基金，支持")
    assert [n for n, _ in got] == ["国家科创协同发展母基金", "国家创业投资S基金", "四川社保科创基金"]
    assert _found("设立产业投资基金，") == []


def test_plans_systems_and_motorways() -> None:
    assert _found("推出创业引领计划，") == [("创业引领计划", "project")]
    assert _found("，疾病应急救助制度基本建立") == [("疾病应急救助制度", "mechanism")]
    assert _found("川藏铁路、成达万高铁、西香高速等进出川大通道")[-1] == ("西香高速", "project")
    assert _found("，高速铁路、高速公路通车里程") == []
    assert ("向家坝灌区一期一步工程", "project") in _found("，向家坝灌区一期一步工程建成通水。")


def test_unquoted_pilots_and_sector_reforms_are_not_names() -> None:
    assert _found("深化国资国企改革，开展低空运行管理试点，") == []
    assert _found("深化行政复议体制改革。") == [("行政复议体制改革", "other")]


def test_well_known_national_programmes() -> None:
    got = _found("京津冀协同发展、长江经济带建设取得重要进展，兑现以旧换新补贴")
    assert [n for n, _ in got] == ["京津冀协同发展", "长江经济带", "以旧换新"]


def test_lists_of_sectors_and_generic_rules_are_not_names() -> None:
    assert _found("启动科技资金管理、考试招生、户籍、机关事业单位养老保险制度等改革。") == []
    assert _found("。着力改革商事制度，新登记") == []
    assert _found("成功举办动力电池、聚变能、科技博览等重大国际会议会展活动，") == []
    # a name may still hold a list before its own descriptor
    got = _found("建立律师、公证员等法律服务工作者包抓企业全覆盖制度，")
    assert got == [("律师、公证员等法律服务工作者包抓企业全覆盖制度", "mechanism")]


def test_railway_segments_between_two_stations() -> None:
    got = _found("开工建设广珠（澳）高铁鹤洲至横琴段，建成投用")
    assert got == [("广珠（澳）高铁鹤洲至横琴段", "project")]
    assert _found("，市域（郊）铁路、城际铁路加快建设") == []


def test_project_after_a_quantity_and_de() -> None:
    got = _found("谋划多年、惠及3400万人的引大济岷工程启动建设")
    assert got == [("引大济岷工程", "project")]


def test_a_clause_with_its_own_verb_is_not_a_name() -> None:
    assert _found("国有企业建立现代企业制度取得重大进展") == [("现代企业制度", "mechanism")]
    assert _found("深入实施创新驱动发展战略，") == [("创新驱动发展战略", "other")]
    assert _found("在全国率先建成国际道路运输集结中心，") == [("国际道路运输集结中心", "project")]


def test_a_verb_led_list_of_names_gives_each_name() -> None:
    got = _found("加快建设大湾区国际科技创新中心、综合性国家科学中心，打造")
    assert got == [("大湾区国际科技创新中心", "project"), ("综合性国家科学中心", "project")]
    got = [n for n, _ in _found("实施科教兴国战略、人才强国战略，")]
    assert got == ["科教兴国战略", "人才强国战略"]


def test_a_known_programme_inside_an_event_name_is_named_too() -> None:
    got = _found("成功举办第二届“一带一路”科技交流大会。")
    assert got == [("第二届“一带一路”科技交流大会", "activity"), ("一带一路", "other")]
    assert _found("举办首届中国国际进口博览会。") == [("首届中国国际进口博览会", "activity")]


def test_each_item_of_a_coordination_after_a_verb_is_named() -> None:
    got = _found("扎实开展粮油单产提升行动和绿色农资升级行动，加强粮食购销。")
    assert got == [("粮油单产提升行动", "campaign"), ("绿色农资升级行动", "campaign")]
    got = [n for n, _ in _found("推进闽西南水资源配置工程、龙湘水库等建设")]
    assert got == ["闽西南水资源配置工程", "龙湘水库"]  # the reservoir: an item of a list of works
    # an item without a head word of its own is passed over, not named
    got = [n for n, _ in _found("连续成功举办海峡论坛、海峡青年荟、世界妈祖文化论坛等活动。")]
    assert got == ["海峡论坛", "世界妈祖文化论坛"]
    # a name with 和 inside it stays one name
    got = [n for n, _ in _found("实施早孕关爱行动、孕育和出生缺陷防治能力提升计划，推动")]
    assert got == ["早孕关爱行动", "孕育和出生缺陷防治能力提升计划"]
    # a list of sectors before a generic head is still no name
    assert _found("推进教学内容和方式、考试和招生制度改革，") == []


def test_numbered_coinages_are_names() -> None:
    assert _found("坚决打好三大攻坚战。") == [("三大攻坚战", "campaign")]
    got = _found("人工智能、航空航天、先进装备等六大科技专项深入实施")
    assert got == [("六大科技专项", "project")]
    # a count or 一大批 is no coinage
    assert _found("开工一大批重大工程，") == []
    assert _found("新建12大类项目，") == []


def test_project_phases_are_names() -> None:
    got = _found("建成鹏城云脑Ⅲ、国家超算深圳中心二期。")
    assert ("国家超算深圳中心二期", "project") in got
    assert _found("加快天府国际机场二期、漳州核电一期建设") == [
        ("天府国际机场二期", "project"),
        ("漳州核电一期", "project"),
    ]
    # a phase of a task or plan, or a stem too short to name anything, is not a project
    assert _found("，改造一期完成，推动机场三期建设") == []
    assert _found("，第一期任务完成") == []


def test_fairs_known_by_an_abbreviation() -> None:
    # the report's abbreviation is the name the reader knows (as the gold annotates it)
    assert _found("务实办好西博会、项目签约3543亿元") == [("西博会", "activity")]
    assert _found("，办好中国（安徽）科交会、") == [("中国（安徽）科交会", "activity")]
    assert _found("，成功举办智博会、书博会") == [("智博会", "activity"), ("书博会", "activity")]
    # two orbits meeting, a chamber of commerce: no fair
    assert _found("，飞船与空间站顺利交会对接，发挥商会作用") == []


def test_close_variants_of_a_known_programme_share_its_name() -> None:
    assert _found("如期打赢脱贫攻坚战，") == [("脱贫攻坚", "campaign")]
    # an abbreviation with no shared wording keeps its own name
    assert [n for n, _ in _found("服务“双碳”战略")] != ["碳达峰碳中和"]


def test_a_name_after_verb_and_hao() -> None:
    assert _found("实施好大学生创业引领计划，") == [("大学生创业引领计划", "project")]
    assert _found("严格落实“四个不摘”要求。") == []  # 落实 launches no quoted name


def test_zhongdian_with_a_qualified_stem_is_a_name() -> None:
    assert _found("开展重点产业强链补链行动，") == [("重点产业强链补链行动", "campaign")]
    # a class of things, or 重点 as an adverb, is not a name
    assert _found("实施重大水利工程，") == []
    assert _found("实施重点支持民生工程特别是保障性安居工程，") == [("保障性安居工程", "project")]


def test_a_long_stem_before_zhongda_gongcheng_names_a_programme() -> None:
    got = _found("实施生物多样性保护重大工程，")
    assert got == [("生物多样性保护重大工程", "project")]
    assert _found("推进交通重大工程，实施农业科技创新重点项目，") == []


def test_works_listed_before_a_kind_of_project() -> None:
    got = _found("加快推进金塘冲水库、夹岩大型灌区等重大水利工程建设")
    assert got == [("金塘冲水库", "project"), ("夹岩大型灌区", "project")]
    got = _found("，嘉陵江利泽航运枢纽等标志性项目建成投运")
    assert got == [("嘉陵江利泽航运枢纽", "project")]
    # sectors and descriptions before 等…工程 are no works
    assert _found("，城市地下管网、具备条件的重大工程等民生工程加快实施") == []


def test_a_quote_before_de_describes_what_follows() -> None:
    assert _found("打造“世界一流、百年不衰”的合肥滨湖科学城，") == []
    assert _found("坚持“两条腿走路”的方针") == []
    # the same quote before a head word is still a name
    assert _found("推行“周汇总、月通报、季调度”机制") == [("周汇总、月通报、季调度", "mechanism")]


def test_a_concentrated_rectification_is_a_campaign() -> None:
    got = _found("深入开展群众身边不正之风和腐败问题集中整治，")
    assert got == [("群众身边不正之风和腐败问题集中整治", "campaign")]
    assert _found("开展集中整治，") == []


def test_a_counted_class_is_not_a_name() -> None:
    assert _found("累计打造省级高品质住宅试点项目213个，") == []
    assert _found("举办群众性体育赛事活动9.5万场。") == []
    # a number that is no count keeps the name
    assert _found("实施城市更新行动2025年") != []


def test_a_quoted_craft_or_device_is_a_project() -> None:
    assert _found("，取得“中国环流三号”首次实现原子核") == [("中国环流三号", "project")]
    got = _found("“嫦娥六号”实现人类首次月球背面采样返回，“梦想”号大洋钻探船建成入列")
    assert got == [("嫦娥六号", "project"), ("梦想", "project")]
    # a brand label or a crop variety is not a craft
    assert _found("，叫响“湘字号”，选育“青薯9号”品种") == []


def test_more_well_known_national_programmes() -> None:
    got = _found("促进中部地区崛起、东北全面振兴，推行揭榜挂帅，坚持长江十年禁渔")
    assert [n for n, _ in got] == ["中部地区崛起", "东北全面振兴", "揭榜挂帅", "长江十年禁渔"]
    assert _found("落实十年禁渔。") == [("长江十年禁渔", "campaign")]


def test_yipi_names_many_things_of_a_kind() -> None:
    assert _found("实施一批智能制造示范项目，") == []
    assert _found("建设一批世界级先进制造业集群。") == []
    assert _found("实施智能制造示范工程，") == [("智能制造示范工程", "project")]


def test_kinds_of_activities_are_not_names() -> None:
    assert _found("广泛开展群众性文化活动，") == []
    assert _found("举办一系列庆祝活动。") == []
    assert _found("开展群众路线教育实践活动，") == [("群众路线教育实践活动", "campaign")]


def test_a_phase_before_any_verb_and_after_a_description() -> None:
    assert _found("，凤凰机场三期、博鳌机场三期完工。") == [
        ("凤凰机场三期", "project"),
        ("博鳌机场三期", "project"),
    ]
    assert _found("，举世瞩目的长江三峡水利枢纽二期工程顺利完成") == [("长江三峡水利枢纽二期工程", "project")]
    assert _found("，继续实施第二期，在此期间") == []


def test_an_item_coordinated_with_a_quoted_name() -> None:
    got = _found("市场化建设“三大高速公路新通道”和甘川新通道。")
    assert got == [("三大高速公路新通道", "project"), ("甘川新通道", "project")]
    got = _found("巩固深化“万所联万会”机制和律师调解机制，")
    assert got == [("万所联万会", "mechanism"), ("律师调解机制", "mechanism")]
    # what follows 和 without a head word of its own is not named
    assert _found("推进“放管服”改革和政府职能转变，") == [("放管服", "other")]


def test_a_clause_opening_with_two_names_gives_both() -> None:
    assert _found("，乡村振兴战略和新型城镇化战略深入实施") == [
        ("乡村振兴战略", "other"),
        ("新型城镇化战略", "other"),
    ]
    # 和 inside one name does not split it
    got = _found("，道路交通安全和运输执法领域突出问题专项整治深入推进")
    assert got == [("道路交通安全和运输执法领域突出问题专项整治", "campaign")]


def test_a_name_before_shidian() -> None:
    assert _found("开展长期护理保险制度试点，") == [("长期护理保险制度", "mechanism")]
    # an unquoted pilot alone is still no name
    assert _found("开展低空运行管理试点，") == []


def test_pejorative_works_are_not_projects() -> None:
    assert _found("严禁搞面子工程、形象工程，坚决制止铺张浪费。") == []


def test_list_items_without_a_head_are_not_projects() -> None:
    names = [n for n, _ in _found("强力推进大抓产业、大抓项目、大抓招商")]
    assert "大抓产业" not in names and "大抓招商" not in names
    assert _found("谋划实施一批重大增量项目和优质中小微项目。") == []


def test_a_counted_list_of_lines_names_each_line() -> None:
    got = _found("加快甲乙、丙丁和戊己扩容等6条高铁建设")
    assert got == [("甲乙", "project"), ("丙丁", "project"), ("戊己扩容", "project")]
    assert [n for n, _ in _found("新开工某某存储二期、某某岚图等1.1万个重大产业项目")][-1] == "某某岚图"


def test_a_counted_list_of_places_or_sectors_is_not_projects() -> None:
    assert _found("苍梧、昭平等10个县区通了新的高速公路") == []
    assert _found("抓实风电光伏、新型储能等11个重点领域项目") == []
    assert _found("规定对戏曲、话剧、杂技等八个项目") == []  # no kind of work: categories


def test_parts_of_a_numbered_programme_of_projects() -> None:
    got = _found("推进甲市新一代锂电池、乙市矿山机械装备等“十大产业项目”建设")
    assert [n for n, _ in got] == ["甲市新一代锂电池", "乙市矿山机械装备", "十大产业项目"]


def test_national_funding_schemes_and_recurring_games_by_name() -> None:
    got = _found("积极争取超长期特别国债、新型政策性金融工具支持，亚运会、全运会奖牌数领先")
    assert got == [
        ("超长期特别国债", "other"),
        ("新型政策性金融工具", "other"),
        ("亚运会", "activity"),
        ("全运会", "activity"),
    ]
    assert _found("发行特别国债") == []  # a plain bond issue is no scheme


def test_a_known_name_in_a_place_designation_is_not_the_programme() -> None:
    assert _found("创建国家乡村振兴示范县2个，支持乡村振兴重点帮扶县") == []
    assert _found("10个县市获批国家新型城镇化试点") == []
    assert [n for n, _ in _found("深化商事制度改革，开展证照分离试点")] == ["证照分离"]
    assert [n for n, _ in _found("全面推进乡村振兴，建设和美乡村")] == ["乡村振兴"]


def test_an_award_named_after_a_programme_is_not_one() -> None:
    assert _found("12部文艺作品获得“五个一工程”奖") == []
    assert _found("实施“五个一工程”") == [("五个一工程", "project")]


def test_a_times_formula_is_a_coined_name() -> None:
    assert _found("聚焦“4×4”现代化产业体系") == [("4×4", "other")]


def test_every_city_reached_by_rail_is_no_line() -> None:
    assert _found("高铁通车里程进至全国第5位、实现市市通高铁、县县通高速") == []


def test_a_circle_named_by_a_travel_time() -> None:
    assert _found("汉襄宜“1小时高铁圈”“3小时高速公路圈”基本形成") == [
        ("1小时高铁圈", "project"),
        ("3小时高速公路圈", "project"),
    ]
    assert [n for n, _ in _found("建设15分钟社区生活圈")] == ["15分钟社区生活圈"]
    assert _found("扩大朋友圈，培育现代化都市圈") == []  # no travel time: no named circle


def test_a_list_of_lines_names_each_line() -> None:
    assert _found("甲乙扩容、丙丁等高速公路通车运行") == [("甲乙扩容", "project"), ("丙丁", "project")]
    assert _found("推进京沪、京广等高铁建设") == [("京沪", "project"), ("京广", "project")]


def test_national_programmes_of_earlier_decades_by_name() -> None:
    got = _found("继续搞好三峡工程及其移民工作，积极推进农村税费改革，扩大新农合试点")
    assert got == [
        ("三峡工程", "project"),
        ("农村税费改革", "other"),
        ("新型农村合作医疗", "mechanism"),
    ]


def test_short_generic_items_of_a_counted_list_of_works_are_not_names() -> None:
    assert _found("新建学校、医院等100个重点项目") == []


def test_quoted_cores_of_list_items_before_a_kind_word() -> None:
    got = _found("“汉孝随襄十”新能源汽车、“武鄂黄黄咸”光电子信息等产业走廊加快建设")
    assert got == [("汉孝随襄十", "project"), ("武鄂黄黄咸", "project")]
    assert [n for n, _ in _found("健全“96178”省长直通车、“2115”接诉即办等机制")] == ["省长直通车", "接诉即办"]


def test_quoted_descriptions_in_a_list_are_not_items() -> None:
    assert _found("“经济强”的基础更加巩固、“百姓富”的成果等工作") == []
    assert _found("“汉孝随襄十”新能源汽车、光电子信息等产业走廊") == []


def test_a_technology_code_in_a_listed_work_is_not_a_capacity() -> None:
    names = [n for n, _ in _found("推进长沙锂电池、浏阳蓝思科技3D玻璃研发生产等“十大产业项目”建设")]
    assert "浏阳蓝思科技3D玻璃研发生产" in names
    names = [n for n, _ in _found("推进长沙锂电池、浏阳30万吨玻璃研发生产等“十大产业项目”建设")]
    assert "长沙锂电池" in names and not any("30万吨" in n for n in names)


def test_named_events_in_a_list_closed_by_a_word_for_events() -> None:
    got = _found("投洽会、世界航海装备大会、世界闽商大会、港澳山东周等活动成功举办")
    assert ("世界航海装备大会", "activity") in got and ("世界闽商大会", "activity") in got
    assert not any("山东周" in n for n, _ in got)
    assert ("滇商大会", "activity") in _found("圆满举办4届南博会、3届滇商大会等系列活动")


def test_summits_attended_and_events_cut_back_are_not_listed_events() -> None:
    assert _found("出席二十国集团领导人峰会、亚欧首脑会议、世界经济论坛等重大活动") == []
    assert _found("清理和规范各种达标、评比、表彰以及论坛、庆典等活动") == []


def test_named_works_in_a_list_closed_by_a_building_verb() -> None:
    names = [n for n, _ in _found("宁德核电6号机组、厦漳泉R1线先行段、沈海高速漳诏段扩容工程等开工建设。")]
    assert names == ["宁德核电6号机组", "厦漳泉R1线先行段", "沈海高速漳诏段扩容工程"]
    assert [n for n, _ in _found("推进阜阳复线船闸、沱浍河航道整治工程等建设，")] == ["阜阳复线船闸", "沱浍河航道整治工程"]


def test_kinds_of_works_before_a_building_verb_are_not_names() -> None:
    assert _found("加强海绵城市、区域综合性应急救援基地、城际铁路等建设，") == []
    assert _found("推动绿电直连、虚拟电厂等建设，推进国家现代流通战略支点城市、国家物流枢纽等建设") == []


def test_a_plan_not_in_title_marks_is_not_an_initiative() -> None:
    assert _found("制定实施十大重点产业调整振兴规划，") == []
    assert _found("全面实施主体功能区规划，") == []
    assert [n for n, _ in _found("深入实施乡村振兴战略，")] == ["乡村振兴战略"]


def test_a_clause_led_name_before_a_predicate_of_progress() -> None:
    assert _found("　　继续改善农村生产生活条件，农村饮水安全工程使6069万农民受益。") == [
        ("农村饮水安全工程", "project")
    ]
    assert _found("国家助学制度不断完善，") == [("国家助学制度", "mechanism")]
    # a count before the predicate makes a description
    assert _found("3个制度不断完善，") == []


def test_a_study_campaign_is_named_by_its_head_word() -> None:
    assert _found("扎实开展党纪学习教育，") == [("党纪学习教育", "campaign")]
    assert _found("加强学习教育，") == []


def test_pilot_bases_are_named_by_their_head_word() -> None:
    assert _found("创建国家人工智能行业应用中试基地，") == [("国家人工智能行业应用中试基地", "platform")]
    assert _found("布局一批概念验证中心、中试基地，") == []


def test_a_quoted_number_code_before_a_head_word_is_a_coined_name() -> None:
    assert _found("深化实施“1269”行动计划，") == [("1269", "campaign")]
    assert _found("实现“12”连增，") == []  # two digits: a count, not a code


def test_joined_tasks_and_series_of_activities_are_descriptions() -> None:
    assert _found("推动合肥滨湖科学城实体化工作和运行机制，") == []
    assert _found("开展系列促销活动，") == []
    assert _found("开展春风行动等系列就业服务活动，") != []  # the named item stays


def test_a_platform_named_only_by_what_it_does_is_a_kind() -> None:
    assert _found("支持重点企业共建协同创新平台，") == []
    assert _found("加快打造科产融合大平台。") == []
    assert _found("搭建全省法治建设考核平台，") != []
    assert _found("搭建省科技成果进场交易平台，") == [("省科技成果进场交易平台", "platform")]


def test_a_list_closed_by_a_level_and_a_kind_is_not_one_name() -> None:
    assert _found("创建国家大学科技园等国家级科创平台，") == []


def test_events_held_in_a_list_without_a_closing_word() -> None:
    got = _found("成功举办第八届数字中国建设峰会、世界互联网大会数字丝路发展论坛。")
    assert {"第八届数字中国建设峰会", "世界互联网大会数字丝路发展论坛"} <= {n for n, _ in got}
    assert _found("办好特殊教育、继续教育、专门教育。") == []


#: (text, what is found): one case per line, grouped by the rule they check.
_NAMED_OR_NOT = [
    # a list of kinds of projects with a count is not named
    pytest.param("支持重点节能工程、循环经济等项目2983个；", [], id="kinds-of-projects-counted"),
    # major science projects are named by their head word
    pytest.param("加快实施国家科技重大专项，", [("国家科技重大专项", "project")], id="major-project"),
    pytest.param("启动一批重大专项，", [], id="major-project-unnamed"),
    # a title won is not a name
    pytest.param("宁德入围全球百强创新集群，", [], id="title-won-entered"),
    pytest.param("汉中中药材入选国家级优势特色产业集群，", [], id="title-won-selected"),
    # a sector's institutions are not a named system
    pytest.param("调整优化福州新区管理体制，", [], id="sector-system"),
    # a numbered package of measures is a programme
    pytest.param("实施稳经济30项举措。", [("稳经济30项举措", "other")], id="numbered-measures"),
    pytest.param("制订了减产不减收的三十条措施，今年要采取四项措施。", [], id="counted-measures"),
    # a named bundle of policies is a programme
    pytest.param("出台实施稳经济一揽子政策和接续措施，", [("稳经济一揽子政策", "other")], id="named-bundle"),
    pytest.param("落实中央一揽子政策措施，", [], id="unnamed-bundle"),
    # a spoken clause is not a name
    pytest.param("我们要坚持和完善民族区域自治制度，", [], id="spoken-we"),
    pytest.param("今后应该对此定出一些制度。", [], id="spoken-should"),
    # what is forbidden is no programme
    pytest.param("坚决杜绝“形象工程”“政绩工程”。", [], id="forbidden-quotes"),
    pytest.param("坚决反对“台独”分裂活动，", [], id="opposed"),
]


@pytest.mark.parametrize(("text", "expected"), _NAMED_OR_NOT)
def test_named_or_not(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


def test_a_named_system_is_kept() -> None:
    assert [n for n, _ in _found("构建新型举国体制，")] == ["新型举国体制"]


def test_city_leader_responsibility_systems() -> None:
    assert _found("要坚持“菜篮子”市长负责制，“米袋子”省长负责制。") == [("菜篮子", "mechanism"), ("米袋子", "mechanism")]


def test_action_named_with_its_own_verb() -> None:
    assert ("国企改革深化提升行动", "campaign") in _found("国企改革深化提升行动圆满收官，6家省属企业完成重组。")
    assert ("国企改革深化提升行动", "campaign") in _found("高质量完成国企改革深化提升行动，组建集团。")
    assert [n for n, _ in _found("国有企业建立现代企业制度，成效明显。")] == ["现代企业制度"]  # not the clause


def test_clause_start_strategy_being_carried_out() -> None:
    assert ("黄河国家战略", "other") in _found("黄河国家战略深化落实。")
