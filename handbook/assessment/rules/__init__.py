"""The assessment rules (assessment/rules.yaml): departments, items, formulas, grades, bonuses, vetoes."""
