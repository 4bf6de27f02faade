"""Typed keys of the official tables: generated from :mod:`disclosure_report.tables`, do not edit.

Regenerate with ``python -m disclosure_report._generate_keys`` after changing the declaration; a
test fails while this file differs from what the generator writes.

For each table section there is a ``Literal`` type of its row keys and of its column keys
(every edition together, and per edition with the edition's year as suffix), and a class of
constants whose docstrings are the official labels, so a type checker catches a misspelt key
and an editor completes it::

    from disclosure_report.keys import ApplicationsColumns, ApplicationsRows

    report.applications.cell(ApplicationsRows.GRANTED, ApplicationsColumns.NATURAL_PERSON)

This module imports nothing: the model reads its types.
"""

from __future__ import annotations

from typing import Final, Literal

__all__ = [
    "ApplicationsColumn",
    "ApplicationsColumn2019",
    "ApplicationsColumn2021",
    "ApplicationsColumns",
    "ApplicationsRow",
    "ApplicationsRow2019",
    "ApplicationsRow2021",
    "ApplicationsRows",
    "ProactiveDisclosureColumn",
    "ProactiveDisclosureColumn2019",
    "ProactiveDisclosureColumn2021",
    "ProactiveDisclosureColumns",
    "ProactiveDisclosureRow",
    "ProactiveDisclosureRow2019",
    "ProactiveDisclosureRow2021",
    "ProactiveDisclosureRows",
    "ReviewLitigationColumn",
    "ReviewLitigationColumn2019",
    "ReviewLitigationColumn2021",
    "ReviewLitigationColumns",
    "ReviewLitigationRow",
    "ReviewLitigationRow2019",
    "ReviewLitigationRow2021",
    "ReviewLitigationRows",
    "SectionKey",
    "TableKey",
    "TextSectionKey",
]


SectionKey = Literal[
    "overview",
    "proactive_disclosure",
    "applications",
    "review_litigation",
    "problems",
    "other_matters",
]
"""Key of every section (a Report attribute), in printed order."""

TableKey = Literal[
    "proactive_disclosure",
    "applications",
    "review_litigation",
]
"""Key of every section holding an official table."""

TextSectionKey = Literal[
    "overview",
    "problems",
    "other_matters",
]
"""Key of every section of running text."""

ProactiveDisclosureRow = Literal[
    "regulations",
    "normative_documents",
    "administrative_licensing",
    "other_external_services",
    "administrative_penalty",
    "administrative_coercion",
    "administrative_fees",
    "centralized_procurement",
]
"""Row key of 二、主动公开政府信息情况, any edition."""

ProactiveDisclosureColumn = Literal[
    "made",
    "published",
    "published_total",
    "items_prev_year",
    "items_change",
    "decisions",
    "procurement_items",
    "procurement_amount",
    "issued",
    "repealed",
    "in_force",
    "fee_amount_wan_yuan",
]
"""Column key of 二、主动公开政府信息情况, any edition."""

ProactiveDisclosureRow2019 = Literal[
    "regulations",
    "normative_documents",
    "administrative_licensing",
    "other_external_services",
    "administrative_penalty",
    "administrative_coercion",
    "administrative_fees",
    "centralized_procurement",
]
"""Row key of 二、主动公开政府信息情况, edition 2019."""

ProactiveDisclosureColumn2019 = Literal[
    "made",
    "published",
    "published_total",
    "items_prev_year",
    "items_change",
    "decisions",
    "procurement_items",
    "procurement_amount",
]
"""Column key of 二、主动公开政府信息情况, edition 2019."""

ProactiveDisclosureRow2021 = Literal[
    "regulations",
    "normative_documents",
    "administrative_licensing",
    "administrative_penalty",
    "administrative_coercion",
    "administrative_fees",
]
"""Row key of 二、主动公开政府信息情况, edition 2021."""

ProactiveDisclosureColumn2021 = Literal[
    "issued",
    "repealed",
    "in_force",
    "decisions",
    "fee_amount_wan_yuan",
]
"""Column key of 二、主动公开政府信息情况, edition 2021."""


class ProactiveDisclosureRows:
    """Row keys of 二、主动公开政府信息情况; each docstring is the official label path."""

    REGULATIONS: Final = "regulations"
    """第二十条第（一）项/规章"""
    NORMATIVE_DOCUMENTS: Final = "normative_documents"
    """2019: 第二十条第（一）项/规范性文件; 2021: 第二十条第（一）项/行政规范性文件"""
    ADMINISTRATIVE_LICENSING: Final = "administrative_licensing"
    """第二十条第（五）项/行政许可"""
    OTHER_EXTERNAL_SERVICES: Final = "other_external_services"
    """第二十条第（五）项/其他对外管理服务事项"""
    ADMINISTRATIVE_PENALTY: Final = "administrative_penalty"
    """第二十条第（六）项/行政处罚"""
    ADMINISTRATIVE_COERCION: Final = "administrative_coercion"
    """第二十条第（六）项/行政强制"""
    ADMINISTRATIVE_FEES: Final = "administrative_fees"
    """第二十条第（八）项/行政事业性收费"""
    CENTRALIZED_PROCUREMENT: Final = "centralized_procurement"
    """第二十条第（九）项/政府集中采购"""


class ProactiveDisclosureColumns:
    """Column keys of 二、主动公开政府信息情况; each docstring is the official header path."""

    MADE: Final = "made"
    """本年新制作数量"""
    PUBLISHED: Final = "published"
    """本年新公开数量"""
    PUBLISHED_TOTAL: Final = "published_total"
    """对外公开总数量"""
    ITEMS_PREV_YEAR: Final = "items_prev_year"
    """上一年项目数量"""
    ITEMS_CHANGE: Final = "items_change"
    """本年增/减"""
    DECISIONS: Final = "decisions"
    """2019: 处理决定数量; 2021: 本年处理决定数量"""
    PROCUREMENT_ITEMS: Final = "procurement_items"
    """采购项目数量"""
    PROCUREMENT_AMOUNT: Final = "procurement_amount"
    """采购总金额"""
    ISSUED: Final = "issued"
    """本年制发件数"""
    REPEALED: Final = "repealed"
    """本年废止件数"""
    IN_FORCE: Final = "in_force"
    """现行有效件数"""
    FEE_AMOUNT_WAN_YUAN: Final = "fee_amount_wan_yuan"
    """本年收费金额（单位：万元）"""


ApplicationsRow = Literal[
    "new_received",
    "carried_over",
    "granted",
    "partially_granted",
    "withheld_state_secret",
    "withheld_prohibited_by_law",
    "withheld_security_stability",
    "withheld_third_party_rights",
    "withheld_internal_affairs",
    "withheld_process_info",
    "withheld_enforcement_file",
    "withheld_admin_inquiry",
    "unable_not_held",
    "unable_requires_creation",
    "unable_unclear_after_correction",
    "not_processed_petition_complaint",
    "not_processed_repeat",
    "not_processed_publication",
    "not_processed_excessive",
    "not_processed_confirm_or_reissue",
    "other_handling",
    "results_total",
    "carried_forward",
    "other_no_correction",
    "other_fee_unpaid",
    "other_misc",
]
"""Row key of 三、收到和处理政府信息公开申请情况, any edition."""

ApplicationsColumn = Literal[
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "public_welfare_org",
    "legal_service_org",
    "other_org",
    "legal_person_subtotal",
    "total",
]
"""Column key of 三、收到和处理政府信息公开申请情况, any edition."""

ApplicationsRow2019 = Literal[
    "new_received",
    "carried_over",
    "granted",
    "partially_granted",
    "withheld_state_secret",
    "withheld_prohibited_by_law",
    "withheld_security_stability",
    "withheld_third_party_rights",
    "withheld_internal_affairs",
    "withheld_process_info",
    "withheld_enforcement_file",
    "withheld_admin_inquiry",
    "unable_not_held",
    "unable_requires_creation",
    "unable_unclear_after_correction",
    "not_processed_petition_complaint",
    "not_processed_repeat",
    "not_processed_publication",
    "not_processed_excessive",
    "not_processed_confirm_or_reissue",
    "other_handling",
    "results_total",
    "carried_forward",
]
"""Row key of 三、收到和处理政府信息公开申请情况, edition 2019."""

ApplicationsColumn2019 = Literal[
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "public_welfare_org",
    "legal_service_org",
    "other_org",
    "legal_person_subtotal",
    "total",
]
"""Column key of 三、收到和处理政府信息公开申请情况, edition 2019."""

ApplicationsRow2021 = Literal[
    "new_received",
    "carried_over",
    "granted",
    "partially_granted",
    "withheld_state_secret",
    "withheld_prohibited_by_law",
    "withheld_security_stability",
    "withheld_third_party_rights",
    "withheld_internal_affairs",
    "withheld_process_info",
    "withheld_enforcement_file",
    "withheld_admin_inquiry",
    "unable_not_held",
    "unable_requires_creation",
    "unable_unclear_after_correction",
    "not_processed_petition_complaint",
    "not_processed_repeat",
    "not_processed_publication",
    "not_processed_excessive",
    "not_processed_confirm_or_reissue",
    "other_handling",
    "other_no_correction",
    "other_fee_unpaid",
    "other_misc",
    "results_total",
    "carried_forward",
]
"""Row key of 三、收到和处理政府信息公开申请情况, edition 2021."""

ApplicationsColumn2021 = Literal[
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "public_welfare_org",
    "legal_service_org",
    "other_org",
    "legal_person_subtotal",
    "total",
]
"""Column key of 三、收到和处理政府信息公开申请情况, edition 2021."""


class ApplicationsRows:
    """Row keys of 三、收到和处理政府信息公开申请情况; each docstring is the official label path."""

    NEW_RECEIVED: Final = "new_received"
    """一、本年新收政府信息公开申请数量"""
    CARRIED_OVER: Final = "carried_over"
    """二、上年结转政府信息公开申请数量"""
    GRANTED: Final = "granted"
    """三、本年度办理结果/（一）予以公开"""
    PARTIALLY_GRANTED: Final = "partially_granted"
    """三、本年度办理结果/（二）部分公开（区分处理的，只计这一情形，不计其他情形）"""
    WITHHELD_STATE_SECRET: Final = "withheld_state_secret"
    """三、本年度办理结果/（三）不予公开/1.属于国家秘密"""
    WITHHELD_PROHIBITED_BY_LAW: Final = "withheld_prohibited_by_law"
    """三、本年度办理结果/（三）不予公开/2.其他法律行政法规禁止公开"""
    WITHHELD_SECURITY_STABILITY: Final = "withheld_security_stability"
    """三、本年度办理结果/（三）不予公开/3.危及“三安全一稳定”"""
    WITHHELD_THIRD_PARTY_RIGHTS: Final = "withheld_third_party_rights"
    """三、本年度办理结果/（三）不予公开/4.保护第三方合法权益"""
    WITHHELD_INTERNAL_AFFAIRS: Final = "withheld_internal_affairs"
    """三、本年度办理结果/（三）不予公开/5.属于三类内部事务信息"""
    WITHHELD_PROCESS_INFO: Final = "withheld_process_info"
    """三、本年度办理结果/（三）不予公开/6.属于四类过程性信息"""
    WITHHELD_ENFORCEMENT_FILE: Final = "withheld_enforcement_file"
    """三、本年度办理结果/（三）不予公开/7.属于行政执法案卷"""
    WITHHELD_ADMIN_INQUIRY: Final = "withheld_admin_inquiry"
    """三、本年度办理结果/（三）不予公开/8.属于行政查询事项"""
    UNABLE_NOT_HELD: Final = "unable_not_held"
    """三、本年度办理结果/（四）无法提供/1.本机关不掌握相关政府信息"""
    UNABLE_REQUIRES_CREATION: Final = "unable_requires_creation"
    """三、本年度办理结果/（四）无法提供/2.没有现成信息需要另行制作"""
    UNABLE_UNCLEAR_AFTER_CORRECTION: Final = "unable_unclear_after_correction"
    """三、本年度办理结果/（四）无法提供/3.补正后申请内容仍不明确"""
    NOT_PROCESSED_PETITION_COMPLAINT: Final = "not_processed_petition_complaint"
    """三、本年度办理结果/（五）不予处理/1.信访举报投诉类申请"""
    NOT_PROCESSED_REPEAT: Final = "not_processed_repeat"
    """三、本年度办理结果/（五）不予处理/2.重复申请"""
    NOT_PROCESSED_PUBLICATION: Final = "not_processed_publication"
    """三、本年度办理结果/（五）不予处理/3.要求提供公开出版物"""
    NOT_PROCESSED_EXCESSIVE: Final = "not_processed_excessive"
    """三、本年度办理结果/（五）不予处理/4.无正当理由大量反复申请"""
    NOT_PROCESSED_CONFIRM_OR_REISSUE: Final = "not_processed_confirm_or_reissue"
    """三、本年度办理结果/（五）不予处理/5.要求行政机关确认或重新出具已获取信息"""
    OTHER_HANDLING: Final = "other_handling"
    """三、本年度办理结果/（六）其他处理"""
    RESULTS_TOTAL: Final = "results_total"
    """三、本年度办理结果/（七）总计"""
    CARRIED_FORWARD: Final = "carried_forward"
    """四、结转下年度继续办理"""
    OTHER_NO_CORRECTION: Final = "other_no_correction"
    """三、本年度办理结果/（六）其他处理/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"""
    OTHER_FEE_UNPAID: Final = "other_fee_unpaid"
    """三、本年度办理结果/（六）其他处理/2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"""
    OTHER_MISC: Final = "other_misc"
    """三、本年度办理结果/（六）其他处理/3.其他"""


class ApplicationsColumns:
    """Column keys of 三、收到和处理政府信息公开申请情况; each docstring is the official header path."""

    NATURAL_PERSON: Final = "natural_person"
    """自然人"""
    COMMERCIAL_ENTERPRISE: Final = "commercial_enterprise"
    """法人或其他组织/商业企业"""
    RESEARCH_INSTITUTION: Final = "research_institution"
    """法人或其他组织/科研机构"""
    PUBLIC_WELFARE_ORG: Final = "public_welfare_org"
    """法人或其他组织/社会公益组织"""
    LEGAL_SERVICE_ORG: Final = "legal_service_org"
    """法人或其他组织/法律服务机构"""
    OTHER_ORG: Final = "other_org"
    """法人或其他组织/其他"""
    LEGAL_PERSON_SUBTOTAL: Final = "legal_person_subtotal"
    """法人或其他组织/小计"""
    TOTAL: Final = "total"
    """总计"""


ReviewLitigationRow = Literal["cases"]
"""Row key of 四、政府信息公开行政复议、行政诉讼情况, any edition."""

ReviewLitigationColumn = Literal[
    "review_upheld",
    "review_corrected",
    "review_other",
    "review_pending",
    "review_total",
    "litigation_direct_upheld",
    "litigation_direct_corrected",
    "litigation_direct_other",
    "litigation_direct_pending",
    "litigation_direct_total",
    "litigation_after_review_upheld",
    "litigation_after_review_corrected",
    "litigation_after_review_other",
    "litigation_after_review_pending",
    "litigation_after_review_total",
]
"""Column key of 四、政府信息公开行政复议、行政诉讼情况, any edition."""

ReviewLitigationRow2019 = Literal["cases"]
"""Row key of 四、政府信息公开行政复议、行政诉讼情况, edition 2019."""

ReviewLitigationColumn2019 = Literal[
    "review_upheld",
    "review_corrected",
    "review_other",
    "review_pending",
    "review_total",
    "litigation_direct_upheld",
    "litigation_direct_corrected",
    "litigation_direct_other",
    "litigation_direct_pending",
    "litigation_direct_total",
    "litigation_after_review_upheld",
    "litigation_after_review_corrected",
    "litigation_after_review_other",
    "litigation_after_review_pending",
    "litigation_after_review_total",
]
"""Column key of 四、政府信息公开行政复议、行政诉讼情况, edition 2019."""

ReviewLitigationRow2021 = Literal["cases"]
"""Row key of 四、政府信息公开行政复议、行政诉讼情况, edition 2021."""

ReviewLitigationColumn2021 = Literal[
    "review_upheld",
    "review_corrected",
    "review_other",
    "review_pending",
    "review_total",
    "litigation_direct_upheld",
    "litigation_direct_corrected",
    "litigation_direct_other",
    "litigation_direct_pending",
    "litigation_direct_total",
    "litigation_after_review_upheld",
    "litigation_after_review_corrected",
    "litigation_after_review_other",
    "litigation_after_review_pending",
    "litigation_after_review_total",
]
"""Column key of 四、政府信息公开行政复议、行政诉讼情况, edition 2021."""


class ReviewLitigationRows:
    """Row keys of 四、政府信息公开行政复议、行政诉讼情况; each docstring is the official label path."""

    CASES: Final = "cases"
    """(the table's only, unlabelled row)"""


class ReviewLitigationColumns:
    """Column keys of 四、政府信息公开行政复议、行政诉讼情况; each docstring is the official header path."""

    REVIEW_UPHELD: Final = "review_upheld"
    """行政复议/结果维持"""
    REVIEW_CORRECTED: Final = "review_corrected"
    """行政复议/结果纠正"""
    REVIEW_OTHER: Final = "review_other"
    """行政复议/其他结果"""
    REVIEW_PENDING: Final = "review_pending"
    """行政复议/尚未审结"""
    REVIEW_TOTAL: Final = "review_total"
    """行政复议/总计"""
    LITIGATION_DIRECT_UPHELD: Final = "litigation_direct_upheld"
    """行政诉讼/未经复议直接起诉/结果维持"""
    LITIGATION_DIRECT_CORRECTED: Final = "litigation_direct_corrected"
    """行政诉讼/未经复议直接起诉/结果纠正"""
    LITIGATION_DIRECT_OTHER: Final = "litigation_direct_other"
    """行政诉讼/未经复议直接起诉/其他结果"""
    LITIGATION_DIRECT_PENDING: Final = "litigation_direct_pending"
    """行政诉讼/未经复议直接起诉/尚未审结"""
    LITIGATION_DIRECT_TOTAL: Final = "litigation_direct_total"
    """行政诉讼/未经复议直接起诉/总计"""
    LITIGATION_AFTER_REVIEW_UPHELD: Final = "litigation_after_review_upheld"
    """行政诉讼/复议后起诉/结果维持"""
    LITIGATION_AFTER_REVIEW_CORRECTED: Final = "litigation_after_review_corrected"
    """行政诉讼/复议后起诉/结果纠正"""
    LITIGATION_AFTER_REVIEW_OTHER: Final = "litigation_after_review_other"
    """行政诉讼/复议后起诉/其他结果"""
    LITIGATION_AFTER_REVIEW_PENDING: Final = "litigation_after_review_pending"
    """行政诉讼/复议后起诉/尚未审结"""
    LITIGATION_AFTER_REVIEW_TOTAL: Final = "litigation_after_review_total"
    """行政诉讼/复议后起诉/总计"""
