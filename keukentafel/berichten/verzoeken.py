"""(wordt ingevuld)"""
